package dev.poolkit.ktx

import dev.poolkit.AcquireCallback
import dev.poolkit.PendingAcquire
import dev.poolkit.Pool
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeFalse
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.shouldBe
import java.time.Duration as JavaDuration
import java.util.concurrent.CountDownLatch
import java.util.concurrent.CyclicBarrier
import java.util.concurrent.Executors
import java.util.concurrent.ThreadLocalRandom
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.yield

/**
 * A hand-off and a cancellation at the same moment: whichever wins, the lease ends up back in the
 * pool or in the hands of a coroutine that runs. Two deterministic tests pin each losing side; the
 * race test runs both at once, thousands of times.
 */
class HandOffRaceSpec : FunSpec({

    test("a lease handed to a coroutine that is cancelled before it runs goes back to the pool") {
        Executors.newSingleThreadExecutor().asCoroutineDispatcher().use { single ->
            testPool(1).use { pool ->
                val held = pool.tryAcquire()!!
                val ranAfterAcquire = AtomicBoolean()
                val job = launch(single) { pool.acquireSuspending().use { ranAfterAcquire.set(true) } }
                eventually(what = "the waiter is queued") { pool.stats().pending() == 1 }
                // Queued is not yet suspended: once the single thread runs this, the coroutine has.
                withContext(single) {}
                // Keep the coroutine's only thread busy so the resumed coroutine cannot run yet.
                val gate = CountDownLatch(1)
                single.executor.execute { gate.await() }
                held.close() // hands the object to the waiter: resumed, but not yet dispatched
                pool.stats().pending() shouldBe 0
                pool.stats().acquired() shouldBe 2
                job.cancel()
                gate.countDown()
                job.join()
                job.isCancelled.shouldBeTrue()
                ranAfterAcquire.get().shouldBeFalse()
                pool.stats().shouldBeAtRest()
                pool.shouldLendItsFullCapacity()
            }
        }
    }

    test("a lease delivered after its waiter was cancelled goes back to the pool") {
        testPool(1).use { real ->
            val pool = DecidedOnCancelPool(real)
            val job = launch(Dispatchers.Default) { pool.acquireSuspending().close() }
            eventually(what = "the acquire is started") { pool.callback != null }
            job.cancel() // the pool answers "already decided": the callback must handle the lease
            job.join()
            val lease = real.tryAcquire()!!
            pool.callback!!.onLease(lease)
            lease.isActive.shouldBeFalse()
            real.stats().shouldBeAtRest()
        }
    }

    test("a failure delivered after its waiter was cancelled is dropped quietly") {
        testPool(1).use { real ->
            val pool = DecidedOnCancelPool(real)
            val job = launch(Dispatchers.Default) { pool.acquireSuspending().close() }
            eventually(what = "the acquire is started") { pool.callback != null }
            job.cancel()
            job.join()
            pool.callback!!.onFailure(IllegalStateException("late failure"))
            job.isCancelled.shouldBeTrue()
        }
    }

    test("a release racing the cancellation of its waiter never loses the lease, 5,000 times") {
        val iterations = 5_000
        val racers = Executors.newFixedThreadPool(2)
        var served = 0
        var withdrawn = 0
        var returned = 0
        try {
            testPool(1).use { pool ->
                repeat(iterations) { i ->
                    val held = withClue("iteration $i: the single object is free") { pool.tryAcquire()!! }
                    val acquiredBefore = pool.stats().acquired()
                    val used = AtomicBoolean()
                    val job = launch(Dispatchers.Default) { pool.acquireSuspending().use { used.set(true) } }
                    while (pool.stats().pending() != 1) yield()
                    val barrier = CyclicBarrier(2)
                    val release = racers.submit { barrier.await(); jitter(); held.close() }
                    val cancel = racers.submit { barrier.await(); jitter(); job.cancel() }
                    release.get(10, TimeUnit.SECONDS)
                    cancel.get(10, TimeUnit.SECONDS)
                    job.join()
                    withClue("iteration $i: ${pool.stats()}") {
                        pool.stats().inUse() shouldBe 0
                        pool.stats().pending() shouldBe 0
                    }
                    when {
                        pool.stats().acquired() == acquiredBefore -> withdrawn++
                        used.get() -> served++
                        else -> returned++
                    }
                }
                pool.stats().shouldBeAtRest()
                pool.shouldLendItsFullCapacity()
            }
        } finally {
            racers.shutdownNow()
        }
        println(
            "ktx hand-off race: iterations=$iterations withdrawn=$withdrawn served=$served " +
                "handedToCancelledAndReturned=$returned lost=0",
        )
        (withdrawn + served + returned) shouldBe iterations
    }
})

/** Spins 0 to 2 µs, so neither racer always goes first. */
private fun jitter() {
    val until = System.nanoTime() + ThreadLocalRandom.current().nextLong(2_000)
    while (System.nanoTime() < until) Thread.onSpinWait()
}

/**
 * A pool whose callback acquires never complete by themselves and whose cancel always answers
 * "too late, the outcome is decided": the test then delivers the outcome by hand.
 */
private class DecidedOnCancelPool(real: Pool<Res>) : Pool<Res> by real {
    @Volatile var callback: AcquireCallback<Res>? = null

    override fun acquireAsync(timeout: JavaDuration, callback: AcquireCallback<Res>): PendingAcquire {
        this.callback = callback
        return PendingAcquire { false }
    }
}
