package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Randomized soak (STYLE 8, like Caffeine's fuzz tests): for {@code poolkit.soak.seconds} (default
 * 20), a thousand virtual threads per reuse order acquire, time out, cancel futures and callbacks,
 * get interrupted, invalidate and release, against an allocator that fails 10% of creations and
 * 10% of health checks. Invariants are sampled all along and checked in full at the end. Rerun a
 * failure with {@code -Dpoolkit.soak.seed=<seed>} (threads still interleave differently).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class PoolSoakTest {
  private static final int MAX_SIZE = 8;
  private static final int WORKERS = 1_000;

  private final long seed = Long.getLong("poolkit.soak.seed", System.nanoTime());
  private final int seconds = Integer.getInteger("poolkit.soak.seconds", 20);
  private final SoakCounters counters = new SoakCounters();

  @Test
  void randomizedLoadKeepsEveryInvariant() throws Exception {
    System.out.println("PoolSoakTest: seed " + seed + ", " + seconds + " s");
    long start = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed);
    for (ReuseOrder order : ReuseOrder.values()) {
      runPhase(order, random.split(), Duration.ofSeconds(seconds).dividedBy(3));
    }
    System.out.println(
        counters.summary(seed, Duration.ofNanos(System.nanoTime() - start)));
    assertEquals(0, counters.violations.sum(), "invariant violations, see output above");
  }

  private void runPhase(ReuseOrder order, SplittableRandom random, Duration length)
      throws Exception {
    SoakAllocator alloc = new SoakAllocator(random.nextLong());
    Pool<Res> pool =
        Pool.builder(alloc)
            .name("soak-" + order.name().toLowerCase())
            .maxSize(MAX_SIZE)
            .minIdle(2)
            .idleTimeout(Duration.ofMillis(50))
            .maxLifetime(Duration.ofMillis(300))
            .housekeepingInterval(Duration.ofMillis(5))
            .reuseOrder(order)
            .maxPending(WORKERS / 2) // some acquires find the queue full
            .build();
    long deadline = System.nanoTime() + length.toNanos();
    AtomicBoolean stop = new AtomicBoolean();
    Thread monitor = Thread.ofVirtual().start(() -> monitor(pool, alloc, stop));
    List<Thread> workers = new ArrayList<>();
    List<CompletableFuture<?>> async = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < WORKERS; i++) {
      SoakWorker w = new SoakWorker(pool, random.split(), counters, deadline, async);
      workers.add(Thread.ofVirtual().name("soak-worker-" + i).start(w));
    }
    for (Thread t : workers) {
      assertTrue(t.join(Duration.ofSeconds(30)), "a worker hung: " + t);
    }
    CompletableFuture.allOf(async.toArray(CompletableFuture[]::new)).handle((v, e) -> v)
        .get(30, TimeUnit.SECONDS);
    stop.set(true);
    monitor.join();

    // Housekeeping still checks, evicts and refills every 5 ms: the invariants come from one
    // snapshot at rest in which CH-5 holds (a snapshot torn by a destroy passes, a real loss stays).
    PoolAsserts.assertAtRest(
        Await.atRest(pool, s -> s.allocated() == s.created() - s.destroyed()));
    counters.invariantChecks.increment();
    alloc.failing = false;
    assertFullCapacityThenCloseFailsEveryWaiter(pool);
    pool.closeAsync().get(30, TimeUnit.SECONDS);
    assertEverythingDestroyedOnce(pool, alloc);
    alloc.violations.forEach(counters::violation);
    counters.createFailures.add(alloc.createFailures.get());
    counters.deadChecks.add(alloc.deadChecks.get());
  }

  /** Samples the invariants that must hold at every moment, not only at rest. */
  private void monitor(Pool<Res> pool, SoakAllocator alloc, AtomicBoolean stop) {
    while (!stop.get()) {
      PoolStats s = pool.stats();
      if (s.allocated() != s.inUse() + s.idle() + s.creating()
          || s.allocated() > MAX_SIZE
          || s.available() != MAX_SIZE - s.inUse()) {
        counters.violation("inconsistent stats " + s);
      }
      if (alloc.alive.get() > MAX_SIZE) {
        counters.violation(alloc.alive.get() + " objects alive at once");
      }
      counters.invariantChecks.increment();
      LockSupport.parkNanos(200_000);
    }
    if (alloc.maxAlive.get() > MAX_SIZE) {
      counters.violation("at most " + alloc.maxAlive.get() + " objects were alive at once");
    }
  }

  /**
   * No lost permits: every unit of capacity can be leased. Then, with all leased, waiters of every
   * kind queue up and {@code close()} must fail each of them promptly.
   */
  private void assertFullCapacityThenCloseFailsEveryWaiter(Pool<Res> pool) throws Exception {
    List<Lease<Res>> all = new ArrayList<>();
    for (int i = 0; i < MAX_SIZE; i++) {
      // acquire, not tryAcquire: housekeeping may hold an idle object for a moment
      all.add(pool.acquire(Duration.ofSeconds(5)));
    }
    assertNull(pool.tryAcquire(), "capacity above maxSize");
    counters.invariantChecks.increment();
    List<Attempt<Lease<Res>>> blocking = new ArrayList<>();
    List<CompletableFuture<Lease<Res>>> futures = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      blocking.add(Attempt.start(() -> pool.acquire(Duration.ofMinutes(5))));
      futures.add(pool.acquireAsync(Duration.ofMinutes(5)));
    }
    Await.pending(pool, 200);
    pool.close();
    for (Attempt<Lease<Res>> a : blocking) {
      assertInstanceOf(PoolClosedException.class, a.failure(Duration.ofSeconds(10)));
    }
    for (CompletableFuture<Lease<Res>> f : futures) {
      Throwable e = f.handle((l, t) -> t).get(10, TimeUnit.SECONDS);
      assertInstanceOf(PoolClosedException.class, e);
    }
    all.forEach(Lease::close);
    counters.invariantChecks.increment();
  }

  private void assertEverythingDestroyedOnce(Pool<Res> pool, SoakAllocator alloc) {
    for (Res r : alloc.objects) {
      assertEquals(1, r.destroyCount.get(), r + " destroy count");
      counters.invariantChecks.increment();
    }
    assertEquals(0, alloc.alive.get());
    PoolStats s = pool.stats();
    assertEquals(0, s.allocated(), s.toString());
    assertEquals(alloc.objects.size(), s.created(), s.toString());
    assertEquals(s.created(), s.destroyed(), s.toString());
  }

  /** Counters shared by all workers; violations are counted and printed, asserted at the end. */
  static final class SoakCounters {
    final LongAdder operations = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder exhausted = new LongAdder();
    final LongAdder cancels = new LongAdder();
    final LongAdder interrupts = new LongAdder();
    final LongAdder invalidations = new LongAdder();
    final LongAdder createFailures = new LongAdder();
    final LongAdder deadChecks = new LongAdder();
    final LongAdder invariantChecks = new LongAdder();
    final LongAdder violations = new LongAdder();
    private final AtomicLong printed = new AtomicLong();

    void violation(String what) {
      violations.increment();
      if (printed.incrementAndGet() <= 20) {
        System.out.println("PoolSoakTest VIOLATION: " + what);
      }
    }

    String summary(long seed, Duration took) {
      return String.format(
          "PoolSoakTest: seed %d, %.1f s, %d operations, %d timeouts, %d exhausted, %d cancels,"
              + " %d interrupts, %d invalidations, %d create failures, %d failed health checks,"
              + " %d invariant checks, %d violations",
          seed,
          took.toMillis() / 1000.0,
          operations.sum(),
          timeouts.sum(),
          exhausted.sum(),
          cancels.sum(),
          interrupts.sum(),
          invalidations.sum(),
          createFailures.sum(),
          deadChecks.sum(),
          invariantChecks.sum(),
          violations.sum());
    }
  }
}
