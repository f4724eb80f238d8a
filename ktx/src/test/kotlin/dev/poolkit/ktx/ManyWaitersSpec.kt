package dev.poolkit.ktx

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield

/** 100,000 coroutines queue on a pool of 4: no deadlock, each served once, no object shared. */
class ManyWaitersSpec : FunSpec({

    test("100,000 coroutines waiting on a pool of 4 all complete on Dispatchers.Default") {
        runWaiters(Dispatchers.Default, "Dispatchers.Default")
    }

    test("100,000 coroutines waiting on a pool of 4 all complete on a single-thread dispatcher") {
        Executors.newSingleThreadExecutor().asCoroutineDispatcher().use { single ->
            runWaiters(single, "single thread")
        }
    }
})

private const val COROUTINES = 100_000

private suspend fun runWaiters(dispatcher: CoroutineDispatcher, label: String) {
    val allocator = CountingAllocator()
    testPool(4, allocator).use { pool ->
        val done = AtomicInteger()
        val overlaps = AtomicLong()
        val maxPending = AtomicInteger()
        val start = System.nanoTime()
        withTimeout(45.seconds) { // a guard against a deadlock; the run takes about a second
            coroutineScope {
                repeat(COROUTINES) { i ->
                    launch(dispatcher) {
                        pool.withLeaseSuspending(Duration.INFINITE) { res ->
                            res.exclusive(overlaps) {
                                if (i % 1_000 == 0) maxPending.accumulateAndGet(pool.stats().pending(), ::maxOf)
                                yield() // let others queue up behind this lease
                            }
                        }
                        done.incrementAndGet()
                    }
                }
            }
        }
        val millis = (System.nanoTime() - start) / 1_000_000
        println("ktx waiters ($label): coroutines=$COROUTINES pool=4 completed=${done.get()} " +
            "maxPendingSeen=${maxPending.get()} created=${allocator.created.get()} duration=${millis} ms")
        withClue(label) {
            done.get() shouldBe COROUTINES
            overlaps.get() shouldBe 0
            maxPending.get() shouldBeGreaterThan 0
            allocator.created.get() shouldBeLessThanOrEqual 4
            pool.stats().acquired() shouldBe COROUTINES.toLong()
            pool.stats().shouldBeAtRest()
            pool.shouldLendItsFullCapacity()
        }
    }
}
