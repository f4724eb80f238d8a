package dev.poolkit.ktx

import dev.poolkit.KeyedPool
import dev.poolkit.Pool
import dev.poolkit.PoolStats
import kotlin.time.Duration
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/**
 * Samples [Pool.stats] every [period]: a cold flow that emits a snapshot at once, then one after
 * each [period] of delay (the delay starts when the collector has taken the previous snapshot, so a
 * slow collector gets fewer, never stale, samples). Taking a snapshot never blocks.
 *
 * The flow completes after it has emitted a snapshot of a closed pool whose objects are all
 * destroyed (`closed` and `allocated == 0`); until then it runs until its collector is cancelled.
 *
 * @throws IllegalArgumentException if [period] is not positive
 */
public fun Pool<*>.statsFlow(period: Duration): Flow<PoolStats> = sample(period) { stats() }

/** Samples the totals over every key ([KeyedPool.stats]) as [Pool.statsFlow] does. */
public fun KeyedPool<*, *>.statsFlow(period: Duration): Flow<PoolStats> = sample(period) { stats() }

/**
 * Samples the pool of one [key] ([KeyedPool.stats] of [key]) as [Pool.statsFlow] does; a key without
 * a pool reads as all zeros. Completes once the keyed pool is closed and the key holds no object.
 */
public fun <K : Any> KeyedPool<K, *>.statsFlow(key: K, period: Duration): Flow<PoolStats> =
    sample(period) { stats(key) }

private fun sample(period: Duration, snapshot: () -> PoolStats): Flow<PoolStats> {
    require(period.isPositive()) { "period must be positive, was $period" }
    return flow {
        while (true) {
            val stats = snapshot()
            emit(stats)
            if (stats.closed && stats.allocated == 0) {
                return@flow
            }
            delay(period)
        }
    }
}
