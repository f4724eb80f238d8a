package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;

/**
 * L-1: a cancel, interrupt or timeout racing a hand-off never leaks the object or the capacity.
 * Each race runs many times on a pool of one: a release on one thread, the withdrawal on another,
 * released together; afterwards the pool must be at rest with its one object acquirable.
 */
@Timeout(120)
class HandOffRaceTest {
  private static final int ROUNDS = 500; // per variant: 3,000 per race

  /** Runs {@code a} and {@code b} on two virtual threads released at the same moment. */
  private static void race(Runnable a, Runnable b) throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    Thread ta = Thread.ofVirtual().start(() -> awaitThen(go, a));
    Thread tb = Thread.ofVirtual().start(() -> awaitThen(go, b));
    go.countDown();
    assertTrue(ta.join(Await.LONG) && tb.join(Await.LONG), "a racer hung");
  }

  private static void awaitThen(CountDownLatch go, Runnable r) {
    try {
      go.await();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    r.run();
  }

  private static void assertNothingLeaked(Pool<Res> pool, TestAllocator alloc, String outcomes)
      throws InterruptedException {
    Await.atRest(pool);
    PoolStats s = pool.stats();
    PoolAsserts.assertAtRest(s);
    assertEquals(1, s.allocated(), outcomes + " " + s);
    assertEquals(1, alloc.created.get(), "only one object ever needed: " + outcomes);
    PoolAsserts.assertFullCapacity(pool, 1);
  }

  @ContractTest
  void cancellingTheFutureRacingAHandOffNeverLeaks_L1(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    int served = 0;
    try (Pool<Res> pool = v.builder(alloc).maxSize(1).build()) {
      for (int i = 0; i < ROUNDS; i++) {
        Lease<Res> held = pool.acquire();
        CompletableFuture<Lease<Res>> f = pool.acquireAsync(Duration.ofSeconds(30));
        if (i % 2 == 0) {
          Await.pending(pool, 1);
        }
        race(held::close, () -> f.cancel(true));
        if (!f.isCancelled()) {
          f.get(10, TimeUnit.SECONDS).close();
          served++;
        }
        Await.atRest(pool);
      }
      assertNothingLeaked(pool, alloc, served + " served, " + (ROUNDS - served) + " cancelled");
    }
  }

  @ContractTest
  void cancellingACallbackAcquireRacingAHandOffNeverLeaks_L1(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    int cancelled = 0;
    try (Pool<Res> pool = v.builder(alloc).maxSize(1).build()) {
      for (int i = 0; i < ROUNDS; i++) {
        Lease<Res> held = pool.acquire();
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Lease<Res>> got = new AtomicReference<>();
        PendingAcquire p = pool.acquireAsync(Duration.ofSeconds(30), recording(calls, got));
        if (i % 2 == 0) {
          Await.pending(pool, 1);
        }
        AtomicReference<Boolean> withdrawn = new AtomicReference<>();
        race(held::close, () -> withdrawn.set(p.cancel()));
        if (withdrawn.get()) {
          cancelled++;
          assertEquals(0, calls.get(), "callback called although cancel() returned true");
        } else {
          Await.until("the callback of an acquire that could not be cancelled", () -> calls.get() == 1);
          got.get().close();
        }
        Await.atRest(pool);
        assertTrue(calls.get() <= 1, "callback called twice");
      }
      assertNothingLeaked(pool, alloc, cancelled + " cancelled of " + ROUNDS);
    }
  }

  private static AcquireCallback<Res> recording(
      AtomicInteger calls, AtomicReference<Lease<Res>> got) {
    return new AcquireCallback<>() {
      @Override
      public void onLease(Lease<Res> lease) {
        got.set(lease);
        calls.incrementAndGet();
      }

      @Override
      public void onFailure(Throwable error) {
        calls.addAndGet(1000);
        fail("unexpected failure " + error);
      }
    };
  }

  @ContractTest
  void interruptRacingAHandOffNeverLeaks_L1(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    int interrupted = 0;
    try (Pool<Res> pool = v.builder(alloc).maxSize(1).build()) {
      for (int i = 0; i < ROUNDS; i++) {
        Lease<Res> held = pool.acquire();
        Attempt<Lease<Res>> waiter = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30)));
        Await.pending(pool, 1);
        race(held::close, waiter.thread::interrupt);
        try {
          waiter.get().close();
        } catch (InterruptedException e) {
          interrupted++;
        }
        Await.atRest(pool);
      }
      assertNothingLeaked(pool, alloc, interrupted + " interrupted of " + ROUNDS);
    }
  }

  @ContractTest
  void timeoutsRacingAHandOffNeverLeak_L1(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    int timedOut = 0;
    try (Pool<Res> pool = v.builder(alloc).maxSize(1).build()) {
      for (int i = 0; i < ROUNDS; i++) {
        Lease<Res> held = pool.acquire();
        Duration timeout = Duration.ofNanos(50_000L * (i % 40));
        Attempt<Lease<Res>> blocking = Attempt.start(() -> pool.acquire(timeout));
        CompletableFuture<Lease<Res>> async = pool.acquireAsync(timeout.plusNanos(1));
        race(held::close, () -> {});
        timedOut += closeOrCountTimeout(blocking.outcome);
        timedOut += closeOrCountTimeout(async);
        Await.atRest(pool);
      }
      assertNothingLeaked(pool, alloc, timedOut + " timed out of " + 2 * ROUNDS);
    }
  }

  private static int closeOrCountTimeout(CompletableFuture<Lease<Res>> outcome) throws Exception {
    try {
      outcome.get(10, TimeUnit.SECONDS).close();
      return 0;
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (!(cause instanceof PoolTimeoutException || cause instanceof PoolExhaustedException)) {
        assertInstanceOf(PoolTimeoutException.class, cause);
      }
      return 1;
    }
  }
}
