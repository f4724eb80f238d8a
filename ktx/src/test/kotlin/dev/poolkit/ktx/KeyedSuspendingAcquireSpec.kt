package dev.poolkit.ktx

import dev.poolkit.KeyedPool
import dev.poolkit.PoolTimeoutException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.time.Duration as JavaDuration
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.milliseconds
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/** The keyed forms: same guarantees, per key. */
class KeyedSuspendingAcquireSpec : FunSpec({

    fun keyedPool(allocator: CountingAllocator = CountingAllocator()): KeyedPool<String, Res> =
        KeyedPool.builder<String, Res> { allocator }
            .name("ktx-keyed")
            .maxSizePerKey(1)
            .maxTotal(4)
            .idleTimeout(JavaDuration.ZERO)
            .build()

    test("acquireSuspending(key) leases from that key's pool") {
        keyedPool().use { pool ->
            val a = pool.acquireSuspending("a")
            val b = pool.acquireSuspending("b")
            pool.stats("a").inUse() shouldBe 1
            pool.stats("b").inUse() shouldBe 1
            a.close()
            b.close()
            pool.stats().shouldBeAtRest()
        }
    }

    test("a waiter for a full key gets the object released for that key") {
        keyedPool().use { pool ->
            val held = pool.tryAcquire("a")!!
            val heldObject = held.get()
            val waiter = async { pool.acquireSuspending("a") }
            eventually(what = "the waiter is queued") { pool.stats("a").pending() == 1 }
            pool.withLeaseSuspending("b") { it shouldBe it } // another key is not blocked
            held.close()
            val lease = waiter.await()
            (lease.get() === heldObject) shouldBe true
            lease.close()
            pool.stats().shouldBeAtRest()
        }
    }

    test("a cancelled keyed waiter leaves the key's queue at once and takes nothing") {
        Executors.newSingleThreadExecutor().asCoroutineDispatcher().use { single ->
            keyedPool().use { pool ->
                val held = pool.tryAcquire("a")!!
                val job = launch(single) { pool.acquireSuspending("a").close() }
                eventually(what = "the waiter is queued") { pool.stats("a").pending() == 1 }
                // Queued is not yet suspended: once the single thread runs this, the coroutine has,
                // and its cancellation handler withdraws the waiter inside cancel().
                withContext(single) {}
                job.cancel()
                pool.stats("a").pending() shouldBe 0
                job.join()
                pool.stats("a").inUse() shouldBe 1
                held.close()
                pool.stats().shouldBeAtRest()
            }
        }
    }

    test("withLeaseSuspending(key) releases when the coroutine is cancelled inside the block") {
        keyedPool().use { pool ->
            val inBlock = CompletableDeferred<Unit>()
            val runs = AtomicInteger()
            val job = launch {
                pool.withLeaseSuspending("a") {
                    runs.incrementAndGet()
                    inBlock.complete(Unit)
                    awaitCancellation()
                }
            }
            inBlock.await()
            job.cancelAndJoin()
            runs.get() shouldBe 1
            pool.stats().shouldBeAtRest()
        }
    }

    test("acquireSuspending(key, timeout) throws PoolTimeoutException when the key stays full") {
        keyedPool().use { pool ->
            val held = pool.tryAcquire("a")!!
            shouldThrow<PoolTimeoutException> { pool.acquireSuspending("a", 30.milliseconds) }
            pool.stats("a").pending() shouldBe 0
            held.close()
        }
    }
})
