package dev.poolkit.ktx

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.shouldBe
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/** A cancelled waiter gives up its place in the queue inside the call that cancels it. */
class PromptCancellationSpec : FunSpec({

    test("a cancelled waiter is removed from the queue by the time cancelAndJoin returns") {
        testPool(1).use { pool ->
            val held = pool.tryAcquire()!!
            val got = AtomicInteger()
            val job = launch(Dispatchers.Default) { pool.acquireSuspending().use { got.incrementAndGet() } }
            eventually(what = "the waiter is queued") { pool.stats().pending() == 1 }
            job.cancelAndJoin()
            pool.stats().pending() shouldBe 0
            job.isCancelled.shouldBeTrue()
            got.get() shouldBe 0
            held.close()
            pool.stats().shouldBeAtRest()
            pool.stats().acquired() shouldBe 1 // the holder's lease only: the cancelled waiter took none
        }
    }

    test("cancelling a parent with 1,000 waiters empties the queue inside cancel(), before any join") {
        Executors.newSingleThreadExecutor().asCoroutineDispatcher().use { single ->
            testPool(2).use { pool ->
                val held = List(2) { pool.tryAcquire()!! }
                val parent = Job()
                repeat(1_000) { launch(parent + single) { pool.acquireSuspending().close() } }
                eventually(what = "1,000 waiters queued") { pool.stats().pending() == 1_000 }
                // One thread runs the waiters: once it runs this, every queued waiter has suspended.
                withContext(single) {}
                parent.cancel()
                pool.stats().pending() shouldBe 0
                parent.join()
                held.forEach { it.close() }
                pool.stats().shouldBeAtRest()
                pool.stats().acquired() shouldBe 2
            }
        }
    }
})
