package dev.poolkit.benchmarks.blocking;

import dev.poolkit.benchmarks.pools.BenchPool;
import dev.poolkit.benchmarks.pools.Pools;
import java.util.function.BooleanSupplier;

/**
 * One operation of a scenario: acquire (timed), hold, release. For {@link Pools#NO_POOL} there is no
 * pool: only the hold, run by as many threads as the pool would have objects, so that row shows
 * what the hold alone allows (its overshoot, its CPU cost) with nothing to wait for.
 */
final class Workload implements AutoCloseable {
  private final BenchPool<Object> pool;
  private final Hold hold;

  private Workload(BenchPool<Object> pool, Hold hold) {
    this.pool = pool;
    this.hold = hold;
  }

  /** Opens pool variant {@code name} (a {@link Pools} name or {@link Pools#NO_POOL}), full. */
  static Workload open(String name, int size, Hold hold) throws Exception {
    return new Workload(name.equals(Pools.NO_POOL) ? null : Pools.open(name, size), hold);
  }

  boolean hasPool() {
    return pool != null;
  }

  /** How many threads run the scenario: its own count, or the pool size without a pool. */
  int threads(Scenario s) {
    return hasPool() ? s.threads() : s.poolSize();
  }

  /**
   * Runs one operation and returns how long the acquire waited, in nanoseconds (0 without a
   * pool). If {@code skipHold} says so once the object is in hand, it is given back at once: a
   * run that is stopping drains its queue of waiters without holding.
   */
  long once(BooleanSupplier skipHold) throws Exception {
    if (pool == null) {
      hold.run();
      return 0;
    }
    long start = System.nanoTime();
    Object handle = pool.acquire();
    long waited = System.nanoTime() - start;
    try {
      if (!skipHold.getAsBoolean()) {
        hold.run();
      }
    } finally {
      pool.release(handle);
    }
    return waited;
  }

  BenchPool<Object> pool() {
    return pool;
  }

  @Override
  public void close() throws Exception {
    if (pool != null) {
      pool.close();
    }
  }
}
