package dev.poolkit.benchmarks.pools;

import dev.poolkit.Allocator;
import dev.poolkit.Lease;
import dev.poolkit.Pool;
import dev.poolkit.ReuseOrder;
import java.time.Duration;

/** Poolkit's core pool: no idle eviction, no lifetime, no health check, no reset. */
public final class PoolkitPool implements BenchPool<Lease<Res>> {
  private final Pool<Res> pool;

  PoolkitPool(int size, ReuseOrder order) {
    this.pool = build(size, order);
  }

  /** The pool as configured for every scenario; the async scenario uses it directly. */
  public static Pool<Res> build(int size, ReuseOrder order) {
    return Pool.builder(Allocator.of(Res::new, res -> {}))
        .name("bench-" + order.name().toLowerCase())
        .maxSize(size)
        .idleTimeout(Duration.ZERO) // maxLifetime is off by default
        .acquireTimeout(Duration.ofSeconds(TIMEOUT_SECONDS))
        .reuseOrder(order)
        .build();
  }

  @Override
  public Lease<Res> acquire() throws InterruptedException {
    return pool.acquire();
  }

  @Override
  public Res object(Lease<Res> lease) {
    return lease.get();
  }

  @Override
  public void release(Lease<Res> lease) {
    lease.close();
  }

  @Override
  public void close() {
    pool.close();
  }
}
