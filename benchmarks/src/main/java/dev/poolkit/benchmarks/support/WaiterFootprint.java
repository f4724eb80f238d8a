package dev.poolkit.benchmarks.support;

import dev.poolkit.Lease;
import dev.poolkit.Pool;
import dev.poolkit.ReuseOrder;
import dev.poolkit.benchmarks.pools.PoolkitPool;
import dev.poolkit.benchmarks.pools.Res;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Heap retained by each waiting {@code acquireAsync}: the live heap after a full GC, with {@code n}
 * futures pending on an exhausted pool, minus the live heap before they were made, over {@code n}.
 * It counts everything a waiter keeps alive (waiter node, future, deadline timer task), not the
 * garbage made on the way.
 *
 * <p>Run alone: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.poolkit.benchmarks.support.WaiterFootprint}
 */
public final class WaiterFootprint {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private WaiterFootprint() {}

  /** Bytes per waiter of {@code pool.acquireAsync()}: the pool's acquireTimeout, so a deadline. */
  public static double withDeadline(Pool<Res> pool, int n) {
    return bytesPerWaiter(pool, n, Pool::acquireAsync);
  }

  /** Bytes per waiter of an acquireAsync without a deadline (no timer task). */
  public static double withoutDeadline(Pool<Res> pool, int n) {
    Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
    return bytesPerWaiter(pool, n, p -> p.acquireAsync(forever));
  }

  static double bytesPerWaiter(
      Pool<Res> pool, int n, Function<Pool<Res>, CompletableFuture<Lease<Res>>> acquire) {
    List<Lease<Res>> held = new ArrayList<>();
    for (Lease<Res> lease; (lease = pool.tryAcquire()) != null; ) {
      held.add(lease);
    }
    Object[] futures = new Object[n];
    try {
      acquire.apply(pool).cancel(false); // load and link the async path before measuring
      long before = liveHeap();
      for (int i = 0; i < n; i++) {
        futures[i] = acquire.apply(pool);
      }
      long after = liveHeap();
      if (pool.stats().pending() != n) {
        throw new IllegalStateException("expected " + n + " waiters, " + pool.stats());
      }
      return (after - before) / (double) n;
    } finally {
      for (Object f : futures) {
        if (f != null) {
          ((CompletableFuture<?>) f).cancel(false);
        }
      }
      held.forEach(Lease::close);
      Reference.reachabilityFence(futures);
    }
  }

  private static long liveHeap() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    for (ReuseOrder order : List.of(ReuseOrder.ANY, ReuseOrder.FIFO)) {
      try (Pool<Res> pool = PoolkitPool.build(10, order)) {
        withDeadline(pool, n / 10); // warm up
        System.out.printf(
            "%s: %.1f B per waiting acquireAsync() (30 s deadline), %.1f B without a deadline%n",
            order, withDeadline(pool, n), withoutDeadline(pool, n));
      }
    }
  }
}
