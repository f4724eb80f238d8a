package dev.poolkit.ktx

import dev.poolkit.KeyedPool
import dev.poolkit.PoolStats
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import java.time.Duration as JavaDuration
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.launch
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout

class StatsFlowSpec : FunSpec({

    test("statsFlow emits a snapshot at once, then one per period that follows the pool") {
        testPool(2).use { pool ->
            val start = System.nanoTime()
            val five = pool.statsFlow(20.milliseconds).take(5).toList()
            ((System.nanoTime() - start) / 1_000_000) shouldBeGreaterThanOrEqual 80
            five.map { it.inUse() } shouldBe listOf(0, 0, 0, 0, 0)
            val lease = pool.tryAcquire()!!
            withTimeout(5.seconds) { pool.statsFlow(10.milliseconds).first { it.inUse() == 1 } }
            lease.close()
            withTimeout(5.seconds) { pool.statsFlow(10.milliseconds).first { it.inUse() == 0 && it.idle() == 1 } }
        }
    }

    test("statsFlow completes once the pool is closed and its last object destroyed") {
        val pool = testPool(2)
        val lease = pool.tryAcquire()!!
        val seen = CopyOnWriteArrayList<PoolStats>()
        val collector = launch { pool.statsFlow(10.milliseconds).collect { seen += it } }
        pool.close()
        eventually(what = "a snapshot of the closed pool with the lease still out") {
            seen.any { it.closed() && it.allocated() == 1 }
        }
        collector.isActive.shouldBeTrue() // not done while an object is still out
        lease.close() // a leased object of a closed pool is destroyed when it comes back
        withTimeout(5.seconds) { collector.join() }
        val last = seen.last()
        last.closed().shouldBeTrue()
        last.allocated() shouldBe 0
        last.destroyed() shouldBe 1
    }

    test("statsFlow rejects a period that is not positive") {
        testPool(1).use { pool ->
            shouldThrow<IllegalArgumentException> { pool.statsFlow(Duration.ZERO) }
            shouldThrow<IllegalArgumentException> { pool.statsFlow((-1).milliseconds) }
        }
    }

    test("a keyed pool's statsFlow samples the totals or one key") {
        KeyedPool.builder<String, Res> { CountingAllocator() }
            .maxSizePerKey(2)
            .idleTimeout(JavaDuration.ZERO)
            .build()
            .use { pool ->
                val lease = pool.tryAcquire("a")!!
                pool.tryAcquire("b")!!.close()
                pool.statsFlow(10.milliseconds).first().allocated() shouldBe 2
                pool.statsFlow("a", 10.milliseconds).first().inUse() shouldBe 1
                pool.statsFlow("b", 10.milliseconds).first().inUse() shouldBe 0
                lease.close()
                pool.close()
                val lastOfA = withTimeout(5.seconds) { pool.statsFlow("a", 10.milliseconds).toList().last() }
                lastOfA.closed().shouldBeTrue()
                lastOfA.allocated() shouldBe 0
            }
    }
})
