package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded barging in the unordered pool: a release with waiters makes the object idle and wakes the
 * oldest young waiter to race for it; old waiters are handed objects directly. These tests run on
 * every variant (ordered pools hand off strictly, and must pass them too):
 *
 * <ul>
 *   <li>PY-6 / PY-8: a thread that keeps re-taking the object cannot starve a waiter, and two
 *       threads sharing one object both make progress;
 *   <li>L-1 / PY-B3: wake-ups racing timeouts, interrupts and future cancels lose no wake-up, no
 *       object and no capacity (a lost wake-up shows as a patient waiter that never gets served);
 *   <li>PY-B4: close during wake-ups fails every waiter promptly and destroys every object once.
 * </ul>
 */
@Timeout(180)
class BargingTest {
  private static final int RACE_ROUNDS = 300; // per variant
  private static final int CLOSE_ROUNDS = 100; // per variant

  @ContractTest
  void aThreadThatKeepsReTakingTheObjectCannotStarveAWaiter_PY6(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(1).build()) {
      Lease<Res> lease = pool.acquire();
      Attempt<Lease<Res>> waiter = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30)));
      Await.pending(pool, 1);
      long deadline = System.nanoTime() + Await.LONG.toNanos();
      long rounds = 0;
      while (true) {
        lease.close();
        Lease<Res> again = pool.tryAcquire(); // a running thread barging in at once
        if (again == null) {
          break; // the waiter has it
        }
        lease = again;
        rounds++;
        if (System.nanoTime() - deadline > 0) {
          again.close();
          fail("the waiter was starved: still waiting after " + rounds + " re-takes");
        }
      }
      waiter.get().close();
      Await.atRest(pool);
      PoolAsserts.assertFullCapacity(pool, 1);
    }
  }

  @ContractTest
  void twoThreadsSharingOneObjectBothMakeProgress_PY6_PY8(Variant v) throws Exception {
    int each = 20_000;
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(1).build()) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      long[] done = new long[2];
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int me = t;
        threads.add(
            Thread.ofPlatform()
                .name("sharer-" + t)
                .start(
                    () -> {
                      try {
                        for (int i = 0; i < each; i++) {
                          try (Lease<Res> lease = pool.acquire(Duration.ofSeconds(30))) {
                            Res r = lease.get();
                            assertTrue(r.held.compareAndSet(false, true), "two holders of " + r);
                            r.held.set(false);
                          }
                          done[me]++;
                        }
                      } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                      }
                    }));
      }
      for (Thread t : threads) {
        assertTrue(t.join(Duration.ofSeconds(120)), "a sharer hung: " + t);
      }
      if (failure.get() != null) {
        throw new AssertionError("a sharer failed after " + done[0] + "/" + done[1], failure.get());
      }
      assertEquals(each, done[0]);
      assertEquals(each, done[1]);
      PoolAsserts.assertAtRest(Await.atRest(pool));
      PoolAsserts.assertFullCapacity(pool, 1);
    }
  }

  /**
   * Random rounds on a pool of two: both objects held, then patient blocking waiters (served for
   * sure), impatient ones (timeouts around the barging window), async ones cancelled at a random
   * moment, and interrupts, all racing the releases and each other's wake-ups. Every patient waiter
   * must be served: a lost wake-up leaves one parked beside an idle object until its 30 s timeout.
   */
  @ContractTest
  void wakeUpsRacingTimeoutsInterruptsAndCancelsLoseNothing_L1_PYB3(Variant v) throws Exception {
    long seed = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed);
    TestAllocator alloc = v.allocator();
    try (Pool<Res> pool = v.builder(alloc).maxSize(2).build()) {
      for (int round = 0; round < RACE_ROUNDS; round++) {
        String where = "seed " + seed + ", round " + round;
        Lease<Res> a = pool.acquire();
        Lease<Res> b = pool.acquire();
        List<Attempt<Lease<Res>>> patient = new ArrayList<>();
        List<Attempt<Lease<Res>>> interruptible = new ArrayList<>();
        List<Attempt<Lease<Res>>> impatient = new ArrayList<>();
        List<CompletableFuture<Lease<Res>>> futures = new ArrayList<>();
        int kinds = 3 + random.nextInt(6);
        for (int i = 0; i < kinds; i++) {
          switch (random.nextInt(4)) {
            case 0 -> patient.add(Attempt.start(() -> useBriefly(pool, Duration.ofSeconds(30))));
            case 1 ->
                interruptible.add(Attempt.start(() -> useBriefly(pool, Duration.ofSeconds(30))));
            case 2 -> {
              Duration timeout = Duration.ofNanos(1 + random.nextLong(3_000_000));
              impatient.add(Attempt.start(() -> useBriefly(pool, timeout)));
            }
            default -> futures.add(pool.acquireAsync(Duration.ofSeconds(30)));
          }
        }
        if (round % 2 == 0) { // the long-timeout waiters are queued: wake-ups, not fast paths
          int queued = patient.size() + interruptible.size() + futures.size();
          spinUntilQueued(pool, queued, where); // no sleep: they stay inside the barging window
        } else {
          spin(random.nextInt(100_000));
        }
        a.close();
        for (Attempt<Lease<Res>> w : interruptible) {
          if (random.nextBoolean()) {
            spin(random.nextInt(20_000));
          }
          w.thread.interrupt();
        }
        for (CompletableFuture<Lease<Res>> f : futures) {
          if (random.nextBoolean() && f.cancel(true)) {
            continue;
          }
          f.thenAccept(Lease::close);
        }
        spin(random.nextInt(50_000));
        b.close();
        for (Attempt<Lease<Res>> w : patient) {
          try {
            w.get().close(); // useBriefly gave it back already; closing again is a no-op (PO-5)
          } catch (Exception e) {
            throw new AssertionError("a patient waiter was not served, " + where, e);
          }
        }
        for (Attempt<Lease<Res>> w : interruptible) {
          finishedWithLeaseOr(w, InterruptedException.class, where);
        }
        for (Attempt<Lease<Res>> w : impatient) {
          finishedWithLeaseOr(w, PoolTimeoutException.class, where);
        }
        for (CompletableFuture<Lease<Res>> f : futures) {
          f.handle((l, e) -> l).get(Await.LONG.toNanos(), TimeUnit.NANOSECONDS);
        }
        PoolAsserts.assertAtRest(Await.atRest(pool));
      }
      PoolAsserts.assertFullCapacity(pool, 2);
      assertEquals(2, alloc.created.get(), "only two objects were ever needed");
    }
  }

  /**
   * Close at a random moment while threads keep re-taking objects and waiters are being woken:
   * every waiter finishes promptly (served or "pool is closed"), and every object ever created is
   * destroyed exactly once.
   */
  @ContractTest
  void closeDuringWakeUpsFailsEveryWaiterPromptly_PYB4(Variant v) throws Exception {
    long seed = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed);
    for (int round = 0; round < CLOSE_ROUNDS; round++) {
      String where = "seed " + seed + ", round " + round;
      TestAllocator alloc = v.allocator();
      Pool<Res> pool = v.builder(alloc).maxSize(2).build();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> bargers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        bargers.add(Thread.ofPlatform().start(() -> reTakeUntilClosed(pool, stop)));
      }
      List<Attempt<Lease<Res>>> waiters = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        waiters.add(Attempt.start(() -> useBriefly(pool, Duration.ofSeconds(30))));
      }
      spin(random.nextInt(500_000));
      pool.close();
      stop.set(true);
      for (Thread t : bargers) {
        assertTrue(t.join(Await.LONG), "a barger hung after close, " + where);
      }
      for (Attempt<Lease<Res>> w : waiters) {
        finishedWithLeaseOr(w, PoolClosedException.class, where);
      }
      pool.closeAsync().get(Await.LONG.toNanos(), TimeUnit.NANOSECONDS);
      Await.until("every object destroyed, " + where, () -> alloc.alive() == 0);
      alloc.assertEveryObjectDestroyedOnce();
      PoolStats s = pool.stats();
      PoolAsserts.assertAtRest(s);
      assertEquals(0, s.allocated(), s.toString());
    }
  }

  /** Acquires, holds for a moment, releases; returns the (closed) lease. */
  private static Lease<Res> useBriefly(Pool<Res> pool, Duration timeout) throws Exception {
    Lease<Res> lease = pool.acquire(timeout);
    Res r = lease.get();
    if (!r.held.compareAndSet(false, true)) {
      throw new AssertionError("two holders of " + r);
    }
    spin(2_000);
    r.held.set(false);
    lease.close();
    return lease;
  }

  private static void reTakeUntilClosed(Pool<Res> pool, AtomicBoolean stop) {
    while (!stop.get()) {
      try {
        Lease<Res> lease = pool.tryAcquire();
        if (lease != null) {
          lease.close();
        } else {
          Thread.onSpinWait();
        }
      } catch (PoolClosedException e) {
        return;
      }
    }
  }

  /** The attempt finished in time, either served (its lease is closed) or with {@code expected}. */
  private static void finishedWithLeaseOr(
      Attempt<Lease<Res>> w, Class<? extends Throwable> expected, String where) throws Exception {
    try {
      w.outcome.get(Await.LONG.toNanos(), TimeUnit.NANOSECONDS).close();
    } catch (ExecutionException e) {
      assertInstanceOf(expected, e.getCause(), where);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("a waiter hung, " + where, e);
    }
  }

  private static void spinUntilQueued(Pool<Res> pool, int n, String where) {
    long deadline = System.nanoTime() + Await.LONG.toNanos();
    while (pool.stats().pending() < n) {
      if (System.nanoTime() - deadline > 0) {
        fail("fewer than " + n + " waiters queued within " + Await.LONG + ", " + where);
      }
      Thread.onSpinWait();
    }
  }

  private static void spin(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() - end < 0) {
      Thread.onSpinWait();
    }
  }
}
