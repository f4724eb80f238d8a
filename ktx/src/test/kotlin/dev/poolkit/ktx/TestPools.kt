package dev.poolkit.ktx

import dev.poolkit.Allocator
import dev.poolkit.Pool
import dev.poolkit.PoolBuilder
import dev.poolkit.PoolStats
import io.kotest.assertions.withClue
import io.kotest.matchers.shouldBe
import java.time.Duration as JavaDuration
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout

/** A pooled object that notices when two borrowers hold it at once. */
class Res(val id: Int) {
    private val busy = AtomicBoolean()

    @Volatile var destroyed = false

    /** Marks the object busy for [block]; counts an overlap if someone else already holds it. */
    inline fun <R> exclusive(overlaps: AtomicLong, block: () -> R): R {
        if (!enter()) {
            overlaps.incrementAndGet()
        }
        try {
            return block()
        } finally {
            exit()
        }
    }

    fun enter(): Boolean = busy.compareAndSet(false, true)

    fun exit() = busy.set(false)
}

/** Counts what it creates and destroys, and fails a second destroy of one object. */
class CountingAllocator : Allocator<Res> {
    val created = AtomicInteger()
    val destroyed = AtomicInteger()
    val doubleDestroys = AtomicInteger()

    override fun create(): Res = Res(created.incrementAndGet())

    override fun destroy(obj: Res) {
        if (obj.destroyed) doubleDestroys.incrementAndGet()
        obj.destroyed = true
        destroyed.incrementAndGet()
    }
}

/** A pool with no housekeeping (no idle eviction, no lifetime), so only the test moves objects. */
fun testPool(
    maxSize: Int,
    allocator: CountingAllocator = CountingAllocator(),
    configure: PoolBuilder<Res>.() -> Unit = {},
): Pool<Res> =
    Pool.builder(allocator)
        .name("ktx-test")
        .maxSize(maxSize)
        .idleTimeout(JavaDuration.ZERO)
        .apply(configure)
        .build()

/** Polls [condition] every millisecond until it holds; fails after [timeout]. */
suspend fun eventually(timeout: Duration = 10.seconds, what: String, condition: () -> Boolean) {
    withClue(what) {
        withTimeout(timeout) {
            while (!condition()) {
                delay(1)
            }
        }
    }
}

/** The pool is at rest: nothing leased, nothing waiting, nothing being created. */
fun PoolStats.shouldBeAtRest() {
    withClue("stats at rest: $this") {
        inUse() shouldBe 0
        pending() shouldBe 0
        creating() shouldBe 0
        idle() shouldBe allocated()
    }
}

/** Every unit of capacity can be leased at once without waiting: no permit was lost. */
fun Pool<Res>.shouldLendItsFullCapacity() {
    val capacity = stats().capacity()
    val leases = List(capacity) { tryAcquire() }
    withClue("tryAcquire x $capacity after the run; stats ${stats()}") {
        leases.count { it != null } shouldBe capacity
    }
    leases.forEach { it?.close() }
}
