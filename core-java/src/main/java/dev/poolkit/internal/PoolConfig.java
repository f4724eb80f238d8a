package dev.poolkit.internal;

import dev.poolkit.Allocator;
import dev.poolkit.ReuseOrder;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A validated pool configuration. Durations are in nanoseconds; 0 means "off" for idle timeout,
 * lifetime and housekeeping interval (derived), "do not wait" for the acquire timeout.
 */
public record PoolConfig<T>(
    String name,
    Allocator<T> allocator,
    int maxSize,
    int minIdle,
    boolean prefill,
    long idleTimeoutNanos,
    long maxLifetimeNanos,
    long acquireTimeoutNanos,
    long housekeepingIntervalNanos,
    ReuseOrder reuseOrder,
    int maxPending,
    @Nullable Consumer<? super T> onCreate,
    @Nullable Executor asyncExecutor) {

  /** Durations too long for a {@code long} of nanoseconds (292 years) become "for ever". */
  public static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Checks a pool size given as {@code parameter}: 1 to {@link dev.poolkit.Pool#MAX_SIZE}. */
  public static int checkSize(String parameter, int size) {
    if (size < 1) {
      throw new IllegalArgumentException(parameter + " must be at least 1, was " + size);
    }
    if (size > dev.poolkit.Pool.MAX_SIZE) {
      throw new IllegalArgumentException(
          parameter
              + " must be at most "
              + dev.poolkit.Pool.MAX_SIZE
              + " (Pool.MAX_SIZE: a slot per unit of capacity is allocated when the pool is built), was "
              + size);
    }
    return size;
  }

  /** This configuration for one key of a keyed pool. */
  <U> PoolConfig<U> forKey(String keyName, Allocator<U> keyAllocator, int keyMaxSize) {
    return new PoolConfig<>(
        keyName,
        keyAllocator,
        keyMaxSize,
        0,
        false,
        idleTimeoutNanos,
        maxLifetimeNanos,
        acquireTimeoutNanos,
        housekeepingIntervalNanos,
        reuseOrder,
        maxPending,
        null,
        asyncExecutor);
  }
}
