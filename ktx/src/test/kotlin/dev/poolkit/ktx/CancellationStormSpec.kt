package dev.poolkit.ktx

import dev.poolkit.AcquireCallback
import dev.poolkit.Lease
import dev.poolkit.PendingAcquire
import dev.poolkit.Pool
import dev.poolkit.PoolTimeoutException
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import java.time.Duration as JavaDuration
import java.util.concurrent.ThreadLocalRandom
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import kotlin.random.Random
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.job
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.coroutines.yield

/**
 * 100,000 coroutines over a pool of 8: a random third run to completion, a random third is cancelled
 * at a random point (while waiting, at the hand-off, inside the block), a random third has a deadline
 * (the pool's own, or a `withTimeout`). Afterwards every object is idle, no permit is lost, no object
 * was held by two coroutines at once, and close destroys every object created.
 */
class CancellationStormSpec : FunSpec({

    test("a cancellation storm of 100,000 coroutines leaves every object idle, none shared, none lost") {
        val seed = System.nanoTime()
        val storm = Storm(CountingAllocator(), Random(seed))
        val start = System.nanoTime()
        withTimeout(60.seconds) { storm.run() }
        val millis = (System.nanoTime() - start) / 1_000_000
        // A lease released inside a cancellation may still be on its way to a waiter cancelled
        // meanwhile, which gives it back on arrival: wait for that (a lost lease never comes back).
        eventually(what = "every lease back") { storm.pool.stats().let { it.inUse() == 0 && it.creating() == 0 } }
        val stats = storm.pool.stats()
        val handedOverAndReturned = stats.acquired() - GATE - storm.blockEntries.get()
        val free = storm.pool.tryAcquireAll()
        storm.pool.close()
        val allocator = storm.allocator
        println(
            "ktx storm: coroutines=$STORM_COROUTINES pool=8 cancelled=${storm.cancelled.get()} " +
                "(before the block=${storm.cancelledWaiting.get()} of which at the hand-off=${storm.cancelledAtHandOff.get()}, " +
                "inside the block=${storm.cancelledInBlock.get()}) " +
                "leasesHandedToACancelledCoroutineAndReturned=$handedOverAndReturned " +
                "timedOut=${storm.timedOut.get()} (pool deadline=${stats.timeouts()}, " +
                "withTimeout=${storm.timedOut.get() - stats.timeouts()}) completed=${storm.completed.get()} " +
                "created=${allocator.created.get()} destroyed=${allocator.destroyed.get()} " +
                "overlaps=${storm.overlaps.get()} duration=$millis ms seed=$seed",
        )
        withClue("seed $seed, stats $stats") {
            (storm.cancelled.get() + storm.timedOut.get() + storm.completed.get()) shouldBe STORM_COROUTINES
            storm.overlaps.get() shouldBe 0
            stats.shouldBeAtRest()
            free shouldBe 8
            handedOverAndReturned shouldBeGreaterThanOrEqual storm.cancelledAtHandOff.get().toLong()
            storm.cancelled.get() shouldBeGreaterThan 0
            storm.timedOut.get() shouldBeGreaterThan 0
            storm.cancelledInBlock.get() shouldBeGreaterThan 0
            storm.cancelledAtHandOff.get() shouldBeGreaterThan 0
            storm.pool.closeAsync().get(10, TimeUnit.SECONDS)
            allocator.destroyed.get() shouldBe allocator.created.get()
            allocator.doubleDestroys.get() shouldBe 0
        }
    }
})

private const val STORM_COROUTINES = 100_000

/** Leases the storm holds while it launches the coroutines. */
private const val GATE = 8

/** Leases the full capacity at once without waiting and gives it back; returns how many it got. */
private fun Pool<Res>.tryAcquireAll(): Int {
    val leases = List(stats().capacity()) { tryAcquire() }
    leases.forEach { it?.close() }
    return leases.count { it != null }
}

private class Storm(val allocator: CountingAllocator, private val random: Random) {
    val pool: Pool<Res> = testPool(8, allocator)
    val completed = AtomicInteger()
    val cancelled = AtomicInteger()
    val cancelledWaiting = AtomicInteger()
    val cancelledInBlock = AtomicInteger()
    val cancelledAtHandOff = AtomicInteger()
    val timedOut = AtomicInteger()
    val blockEntries = AtomicLong()
    val overlaps = AtomicLong()

    /** Cancellation triggers by the progress (coroutines settled) at which they fire; launch loop only. */
    private val triggers = ArrayList<Pair<Int, CompletableDeferred<Unit>>>()

    private fun settled(): Int = completed.get() + cancelled.get() + timedOut.get()

    /**
     * Holds all 8 objects while it launches every coroutine, so that a long queue forms, then lets
     * go. Cancellations "during the drain" fire at random points of it, measured in coroutines
     * settled, and so hit coroutines waiting, resumed but not yet running, or inside the block.
     */
    suspend fun run() = coroutineScope {
        val gate = List(GATE) { pool.tryAcquire()!! }
        repeat(STORM_COROUTINES) { i ->
            when (random.nextInt(3)) {
                0 -> launch(Dispatchers.Default) {
                    use(Duration.INFINITE)
                    completed.incrementAndGet()
                }
                1 -> when (CancelPoint.entries.random(random)) {
                    CancelPoint.AT_START -> {
                        val turns = random.nextInt(6)
                        cancelledWhen { repeat(turns) { yield() } }
                    }
                    CancelPoint.IN_BLOCK -> cancelledWhen(inBlock = true) {}
                    CancelPoint.AT_HAND_OFF -> cancelledAtHandOff()
                    CancelPoint.DURING_DRAIN -> {
                        val trigger = CompletableDeferred<Unit>()
                        triggers += random.nextInt(STORM_COROUTINES) to trigger
                        cancelledWhen { trigger.await() }
                    }
                }
                else -> {
                    val deadline = random.nextInt(1, 1_000).milliseconds
                    launch(Dispatchers.Default) { deadlined(deadline, poolDeadline = i % 2 == 1) }
                }
            }
        }
        gate.forEach { it.close() }
        // Settled only grows: every coroutine not cancelled finishes by itself, so this ends.
        for ((progress, trigger) in triggers.sortedBy { it.first }) {
            while (settled() < progress) delay(1)
            trigger.complete(Unit)
        }
    }

    /** Runs with a deadline: the pool's own, or a `withTimeout` around the whole helper. */
    private suspend fun deadlined(deadline: Duration, poolDeadline: Boolean) {
        val finished: Unit? =
            try {
                if (poolDeadline) use(deadline) else withTimeoutOrNull(deadline) { use(Duration.INFINITE) }
            } catch (e: PoolTimeoutException) {
                null
            }
        if (finished == null) timedOut.incrementAndGet() else completed.incrementAndGet()
    }

    /**
     * Launches a coroutine and a canceller for it that cancels it once [awaitMoment] returns, or,
     * with [inBlock], once the coroutine is inside the block (which then suspends up to 2 times).
     */
    private fun CoroutineScope.cancelledWhen(inBlock: Boolean = false, awaitMoment: suspend () -> Unit) {
        val phase = AtomicInteger(WAITING)
        val entered = CompletableDeferred<Unit>()
        val job: Job = launch(Dispatchers.Default) {
            use(Duration.INFINITE) {
                phase.set(IN_BLOCK)
                entered.complete(Unit)
            }
            phase.set(DONE) // no suspension point between this and the count
            completed.incrementAndGet()
        }
        launch(Dispatchers.Default) {
            if (inBlock) entered.await() else awaitMoment()
            val at = phase.get()
            job.cancel()
            job.join()
            if (phase.get() != DONE) {
                (if (at == WAITING) cancelledWaiting else cancelledInBlock).incrementAndGet()
                cancelled.incrementAndGet()
            }
        }
    }

    /**
     * Launches a coroutine that is cancelled by the pool's own hand-off: the callback that delivers
     * its lease first cancels it, then resumes it, as a cancellation landing at that instant would.
     */
    private fun CoroutineScope.cancelledAtHandOff() {
        launch(Dispatchers.Default) {
            val self = coroutineContext.job
            try {
                CancelOnHandOff(pool, self).withLeaseSuspending(Duration.INFINITE) { blockEntries.incrementAndGet() }
                completed.incrementAndGet() // not reached: the coroutine is cancelled before it resumes
            } finally {
                if (self.isCancelled) {
                    cancelledAtHandOff.incrementAndGet()
                    cancelledWaiting.incrementAndGet()
                    cancelled.incrementAndGet()
                }
            }
        }
    }

    /** Leases an object, marks it busy, suspends 0 to 2 times inside the block, releases. */
    private suspend inline fun use(timeout: Duration, entered: () -> Unit = {}): Unit =
        pool.withLeaseSuspending(timeout) { res ->
            entered()
            blockEntries.incrementAndGet()
            res.exclusive(overlaps) {
                repeat(ThreadLocalRandom.current().nextInt(3)) { yield() }
            }
        }

    enum class CancelPoint { AT_START, DURING_DRAIN, AT_HAND_OFF, IN_BLOCK }

    companion object {
        const val WAITING = 0
        const val IN_BLOCK = 1
        const val DONE = 2
    }
}

/** The pool, except that the callback delivering a lease first cancels [victim]. */
private class CancelOnHandOff(private val pool: Pool<Res>, private val victim: Job) : Pool<Res> by pool {
    override fun acquireAsync(timeout: JavaDuration, callback: AcquireCallback<Res>): PendingAcquire =
        pool.acquireAsync(
            timeout,
            object : AcquireCallback<Res> {
                override fun onLease(lease: Lease<Res>) {
                    victim.cancel()
                    callback.onLease(lease)
                }

                override fun onFailure(error: Throwable) = callback.onFailure(error)
            },
        )
}
