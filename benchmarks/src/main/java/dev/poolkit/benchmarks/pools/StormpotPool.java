package dev.poolkit.benchmarks.pools;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import stormpot.Allocator;
import stormpot.Expiration;
import stormpot.Pool;
import stormpot.PoolTap;
import stormpot.Pooled;
import stormpot.Slot;
import stormpot.Timeout;

/**
 * Stormpot 4.1, configured as its own {@code ClaimRelease} benchmark does: objects never expire,
 * no background expiration, no precise leak detection, padded (not memory-optimised) slots.
 */
final class StormpotPool implements BenchPool<Pooled<Res>> {
  private static final Timeout TIMEOUT = new Timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);

  private final Pool<Pooled<Res>> pool;
  private final PoolTap<Pooled<Res>> tap;

  /**
   * @param virtualThreadSafe {@code true} for {@code getVirtualThreadSafeTap()} (striped by thread
   *     id), {@code false} for {@code getThreadSafeTap()} (a ThreadLocal cache per thread)
   */
  StormpotPool(int size, boolean virtualThreadSafe) {
    Allocator<Pooled<Res>> allocator =
        new Allocator<>() {
          @Override
          public Pooled<Res> allocate(Slot slot) {
            return new Pooled<>(slot, new Res());
          }

          @Override
          public void deallocate(Pooled<Res> poolable) {}
        };
    this.pool =
        Pool.from(allocator)
            .setSize(size)
            .setExpiration(Expiration.never())
            .setBackgroundExpirationEnabled(false)
            .setPreciseLeakDetectionEnabled(false)
            .setOptimizeForReducedMemoryUsage(false)
            .build();
    this.tap = virtualThreadSafe ? pool.getVirtualThreadSafeTap() : pool.getThreadSafeTap();
  }

  @Override
  public Pooled<Res> acquire() throws InterruptedException, TimeoutException {
    Pooled<Res> pooled = tap.claim(TIMEOUT);
    if (pooled == null) {
      throw new TimeoutException("stormpot: no object within " + TIMEOUT_SECONDS + " s");
    }
    return pooled;
  }

  @Override
  public Res object(Pooled<Res> pooled) {
    return pooled.object;
  }

  @Override
  public void release(Pooled<Res> pooled) {
    pooled.release();
  }

  @Override
  public void close() throws InterruptedException {
    pool.shutdown().await(TIMEOUT);
  }
}
