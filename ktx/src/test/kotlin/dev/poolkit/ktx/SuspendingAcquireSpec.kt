package dev.poolkit.ktx

import dev.poolkit.PoolClosedException
import dev.poolkit.PoolExhaustedException
import dev.poolkit.PoolTimeoutException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeSameInstanceAs
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import kotlin.concurrent.thread
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.coroutines.yield

/** The API contract of the suspending acquire and the scoped helper, one behaviour per test. */
class SuspendingAcquireSpec : FunSpec({

    test("acquireSuspending leases an idle object") {
        testPool(2).use { pool ->
            val lease = pool.acquireSuspending()
            pool.stats().inUse() shouldBe 1
            lease.close()
            pool.stats().shouldBeAtRest()
        }
    }

    test("a waiting coroutine gets the object a release frees and resumes on its own dispatcher") {
        Executors.newSingleThreadExecutor { Thread(it, "ktx-caller") }.asCoroutineDispatcher().use { caller ->
            testPool(1).use { pool ->
                val held = pool.tryAcquire()!!
                val heldObject = held.get()
                val got = async(caller) { pool.acquireSuspending() to Thread.currentThread().name }
                eventually(what = "the waiter is queued") { pool.stats().pending() == 1 }
                thread(name = "releaser") { held.close() }.join()
                val (lease, resumedOn) = got.await()
                resumedOn shouldStartWith "ktx-caller" // debug mode appends the coroutine name
                lease.get() shouldBeSameInstanceAs heldObject
                lease.close()
                pool.stats().shouldBeAtRest()
            }
        }
    }

    test("a deadline that passes throws PoolTimeoutException and leaves nothing waiting") {
        testPool(1).use { pool ->
            val held = pool.tryAcquire()!!
            shouldThrow<PoolTimeoutException> { pool.acquireSuspending(50.milliseconds) }
            pool.stats().pending() shouldBe 0
            pool.stats().timeouts() shouldBe 1
            held.close()
        }
    }

    test("a zero timeout fails at once with PoolExhaustedException when nothing is free") {
        testPool(1).use { pool ->
            val held = pool.tryAcquire()!!
            shouldThrow<PoolExhaustedException> { pool.acquireSuspending(Duration.ZERO) }
            pool.stats().pending() shouldBe 0
            held.close()
        }
    }

    test("a negative timeout is rejected before anything is queued") {
        testPool(1).use { pool ->
            shouldThrow<IllegalArgumentException> { pool.acquireSuspending((-1).milliseconds) }
            pool.stats().shouldBeAtRest()
        }
    }

    test("without a timeout the coroutine waits, unlike a fail-fast acquire") {
        testPool(1).use { pool ->
            val held = pool.tryAcquire()!!
            val waiter = async { pool.acquireSuspending() }
            delay(300.milliseconds)
            waiter.isActive.shouldBeTrue()
            pool.stats().pending() shouldBe 1
            held.close()
            waiter.await().close()
            pool.stats().shouldBeAtRest()
        }
    }

    test("an infinite timeout waits until the object is released") {
        testPool(1).use { pool ->
            val held = pool.tryAcquire()!!
            val waiter = async { pool.acquireSuspending(Duration.INFINITE) }
            eventually(what = "the waiter is queued") { pool.stats().pending() == 1 }
            held.close()
            waiter.await().close()
            pool.stats().shouldBeAtRest()
        }
    }

    test("acquireSuspending on a closed pool throws PoolClosedException") {
        val pool = testPool(1)
        pool.close()
        shouldThrow<PoolClosedException> { pool.acquireSuspending() }
    }

    test("closing the pool fails a waiting coroutine with PoolClosedException") {
        val pool = testPool(1)
        val held = pool.tryAcquire()!!
        val waiter = async { runCatching { pool.acquireSuspending() } }
        eventually(what = "the waiter is queued") { pool.stats().pending() == 1 }
        pool.close()
        (waiter.await().exceptionOrNull() is PoolClosedException).shouldBeTrue()
        held.close()
    }

    test("withLeaseSuspending gives the object back when the block returns") {
        testPool(1).use { pool ->
            pool.withLeaseSuspending { res ->
                pool.stats().inUse() shouldBe 1
                res.id
            } shouldBe 1
            pool.stats().shouldBeAtRest()
        }
    }

    test("withLeaseSuspending gives the object back when the block throws, and rethrows") {
        testPool(1).use { pool ->
            val thrown = shouldThrow<IllegalStateException> {
                pool.withLeaseSuspending<Res, Unit> { error("boom") }
            }
            thrown.message shouldBe "boom"
            pool.stats().shouldBeAtRest()
        }
    }

    test("withLeaseSuspending gives the object back when the coroutine is cancelled inside the block") {
        testPool(1).use { pool ->
            val inBlock = CompletableDeferred<Unit>()
            val job = launch {
                pool.withLeaseSuspending {
                    inBlock.complete(Unit)
                    awaitCancellation()
                }
            }
            inBlock.await()
            job.cancelAndJoin()
            pool.stats().shouldBeAtRest()
        }
    }

    test("withTimeout around withLeaseSuspending releases the object when the deadline passes inside the block") {
        testPool(1).use { pool ->
            // An idle object, so the acquire is served at once and the deadline passes in the block
            // (a create runs on another thread and could outlast 50 ms on a loaded machine).
            pool.tryAcquire()!!.close()
            val entered = AtomicBoolean()
            val result = withTimeoutOrNull(50.milliseconds) {
                pool.withLeaseSuspending {
                    entered.set(true)
                    awaitCancellation()
                }
            }
            result shouldBe null
            entered.get() shouldBe true
            pool.stats().shouldBeAtRest()
            pool.stats().acquired() shouldBe 2
        }
    }

    test("withTimeout around withLeaseSuspending withdraws the waiter when the deadline passes while waiting") {
        testPool(1).use { pool ->
            val held = pool.tryAcquire()!!
            val ran = AtomicInteger()
            withTimeoutOrNull(50.milliseconds) { pool.withLeaseSuspending { ran.incrementAndGet() } } shouldBe null
            ran.get() shouldBe 0
            pool.stats().pending() shouldBe 0
            pool.stats().inUse() shouldBe 1
            held.close()
            pool.stats().shouldBeAtRest()
        }
    }

    test("cancelling a parent scope releases every lease and withdraws every waiter") {
        testPool(4).use { pool ->
            val parent = Job()
            val inBlock = AtomicInteger()
            repeat(20) {
                launch(parent) {
                    pool.withLeaseSuspending {
                        inBlock.incrementAndGet()
                        awaitCancellation()
                    }
                }
            }
            eventually(what = "4 in the block, 16 waiting") {
                inBlock.get() == 4 && pool.stats().pending() == 16
            }
            parent.cancelAndJoin()
            // A lease released inside a cancellation may be on its way to a waiter cancelled in the
            // meantime, which gives it back when it arrives: wait for that, a lost one never comes.
            eventually(what = "every lease back") { pool.stats().let { it.inUse() == 0 && it.creating() == 0 } }
            pool.stats().shouldBeAtRest()
            pool.stats().allocated() shouldBe 4
            pool.shouldLendItsFullCapacity()
        }
    }

    test("withLeaseSuspending runs its block exactly once, so the block may initialise a val") {
        testPool(1).use { pool ->
            val id: Int
            pool.withLeaseSuspending { res -> id = res.id }
            id shouldBe 1
        }
    }

    test("waiting holds no thread: 10,000 waiters on one thread leave that thread free") {
        Executors.newSingleThreadExecutor().asCoroutineDispatcher().use { single ->
            testPool(1).use { pool ->
                val held = pool.tryAcquire()!!
                val served = AtomicInteger()
                val waiters = List(10_000) {
                    launch(single) { pool.withLeaseSuspending { served.incrementAndGet() } }
                }
                eventually(what = "10,000 waiters queued") { pool.stats().pending() == 10_000 }
                withTimeout(5.seconds) { withContext(single) { "the thread still runs other work" } }
                held.close()
                withTimeout(30.seconds) { waiters.joinAll() }
                served.get() shouldBe 10_000
                pool.stats().shouldBeAtRest()
            }
        }
    }

    test("works on Dispatchers.Unconfined, where the code after a hand-off runs on the releasing thread") {
        testPool(2).use { pool ->
            val overlaps = AtomicLong()
            val done = AtomicInteger()
            withTimeout(30.seconds) {
                coroutineScope {
                    repeat(1_000) {
                        launch(Dispatchers.Unconfined) {
                            pool.withLeaseSuspending { res ->
                                res.exclusive(overlaps) { yield() }
                            }
                            done.incrementAndGet()
                        }
                    }
                }
            }
            done.get() shouldBe 1_000
            overlaps.get() shouldBe 0
            pool.stats().shouldBeAtRest()
        }
    }

    test("a lazily started acquire that is cancelled before it starts takes nothing") {
        testPool(1).use { pool ->
            val job = launch(start = CoroutineStart.LAZY) { pool.acquireSuspending().close() }
            job.cancelAndJoin()
            pool.stats().acquired() shouldBe 0
            pool.stats().shouldBeAtRest()
        }
    }
})
