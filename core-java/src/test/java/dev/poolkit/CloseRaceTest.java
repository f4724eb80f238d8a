package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;

/**
 * PY-B5 / PO-B2: acquires racing {@code close()} never leave an object that nobody destroys.
 * Many rounds: acquirers of every kind start, the pool closes at a random moment, every lease that
 * was handed out is returned, and then every object ever created must have been destroyed once.
 */
@Timeout(120)
class CloseRaceTest {
  private static final int ROUNDS = 150; // per variant

  @ContractTest
  void nothingCreatedAroundCloseSurvives_PYB5_POB2(Variant v) throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      TestAllocator alloc = v.allocator();
      alloc.beforeCreate = () -> spin(ThreadLocalRandom.current().nextInt(50_000));
      Pool<Res> pool = v.builder(alloc).maxSize(3).build();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> acquirers = new ArrayList<>();
      List<CompletableFuture<Lease<Res>>> futures = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (int t = 0; t < 4; t++) {
        int kind = t;
        // Platform threads: these loops run on the fast path without ever parking, so as virtual
        // threads two of them could hold both carriers of a 2-core machine for good, while a virtual
        // thread queued on the wait-queue lock (ahead of close()) never gets a carrier to take it.
        acquirers.add(Thread.ofPlatform().daemon().start(() -> acquireUntilClosed(pool, kind, stop, futures)));
      }
      spin(ThreadLocalRandom.current().nextInt(200_000));
      pool.close();
      stop.set(true);
      for (Thread t : acquirers) {
        assertTrue(t.join(Await.LONG), "an acquirer hung after close");
      }
      for (CompletableFuture<Lease<Res>> f : futures) {
        f.handle((lease, error) -> lease).get(10, TimeUnit.SECONDS);
      }
      pool.closeAsync().get(10, TimeUnit.SECONDS);
      Await.until("every object destroyed", () -> alloc.alive() == 0);
      alloc.assertEveryObjectDestroyedOnce();
      PoolStats s = pool.stats();
      PoolAsserts.assertAtRest(s);
      assertEquals(0, s.allocated(), s.toString());
    }
  }

  /** Acquires and releases in a loop until the pool is closed; async leases close themselves. */
  private static void acquireUntilClosed(
      Pool<Res> pool, int kind, AtomicBoolean stop, List<CompletableFuture<Lease<Res>>> futures) {
    while (!stop.get()) {
      try {
        switch (kind) {
          case 0 -> pool.acquire(Duration.ofSeconds(5)).close();
          case 1 -> {
            Lease<Res> l = pool.tryAcquire();
            if (l != null) {
              spin(10_000);
              l.close();
            }
          }
          case 2 -> {
            CompletableFuture<Lease<Res>> f = pool.acquireAsync(Duration.ofSeconds(5));
            futures.add(f.whenComplete((lease, e) -> {
              if (lease != null) {
                lease.close();
              }
            }));
            f.handle((l, e) -> l).get(10, TimeUnit.SECONDS);
          }
          default -> pool.withLease(r -> r.id);
        }
      } catch (PoolClosedException e) {
        return;
      } catch (Exception e) {
        if (!(e.getCause() instanceof PoolClosedException)) {
          throw new AssertionError("unexpected", e);
        }
      }
    }
  }

  private static void spin(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
    LockSupport.parkNanos(1);
  }

  /**
   * A forced close ({@code close(Duration.ZERO)}) takes leased slots while threads are taking and
   * returning objects as fast as they can. A thread whose take the close overtook must not get a
   * lease on the object the close is destroying: no active lease ever holds a destroyed object, and
   * every object is destroyed exactly once.
   */
  @ContractTest
  void aForcedCloseRacingTakesNeverHandsOutADestroyedObject(Variant v) throws Exception {
    for (int round = 0; round < Integer.getInteger("poolkit.forcedRounds", ROUNDS); round++) {
      TestAllocator alloc = v.allocator();
      Pool<Res> pool = v.builder(alloc).maxSize(3).build();
      List<Lease<Res>> first = List.of(pool.acquire(), pool.acquire(), pool.acquire());
      first.forEach(Lease::close); // all idle: every take from here is a take of an idle object
      AtomicBoolean stop = new AtomicBoolean();
      List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
      List<Thread> takers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        takers.add(Thread.ofPlatform().daemon().start(() -> {
          while (!stop.get()) {
            Lease<Res> lease;
            try {
              lease = pool.tryAcquire();
            } catch (PoolClosedException e) {
              return;
            }
            if (lease == null) {
              continue;
            }
            try {
              Res r = lease.get();
              if (r == null) {
                violations.add("get() returned null instead of failing on a forced lease");
                return;
              }
              // A forced close may destroy the object of a live lease, but it kills the lease (its
              // CAS) before it destroys: a destroyed object under a lease still active is a lease
              // the close never knew about.
              if (r.destroyCount.get() != 0 && lease.isActive()) {
                violations.add("an active lease holds destroyed " + r);
              }
            } catch (IllegalStateException forced) {
              // the close forced this lease: a dead lease, as documented
            }
            lease.close();
          }
        }));
      }
      spin(ThreadLocalRandom.current().nextInt(100_000));
      pool.close(Duration.ZERO);
      stop.set(true);
      for (Thread t : takers) {
        assertTrue(t.join(Await.LONG), "a taker hung after close");
      }
      pool.closeAsync().get(10, TimeUnit.SECONDS);
      assertEquals(List.of(), violations);
      alloc.assertEveryObjectDestroyedOnce();
      PoolStats s = pool.stats();
      PoolAsserts.assertAtRest(s);
      assertEquals(0, s.allocated(), s.toString());
    }
  }

  /**
   * The narrowest window: a waiter has just linked itself when an object is handed to it, capacity
   * frees up elsewhere and the pool closes, all at once. Whatever wins, nothing may stay allocated.
   */
  @ContractTest
  void aHandOffRacingCloseIsNeverStranded_PYB5_L1(Variant v) throws Exception {
    for (int round = 0; round < 600; round++) {
      TestAllocator alloc = v.allocator();
      Pool<Res> pool = v.builder(alloc).maxSize(2).build();
      Lease<Res> handedOver = pool.acquire();
      Lease<Res> invalidated = pool.acquire();
      Attempt<Lease<Res>> waiter = Attempt.start(() -> pool.acquire(Duration.ofSeconds(10)));
      if (round % 2 == 0) {
        Await.pending(pool, 1);
      }
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<Thread> racers = new ArrayList<>();
      for (Runnable r : List.<Runnable>of(invalidated::invalidate, handedOver::close, pool::close)) {
        racers.add(Thread.ofVirtual().start(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
          r.run();
        }));
      }
      go.countDown();
      for (Thread t : racers) {
        assertTrue(t.join(Await.LONG));
      }
      try {
        waiter.get().close();
      } catch (PoolClosedException | PoolTimeoutException e) {
        // the waiter lost to close (or was served nothing in time)
      }
      pool.closeAsync().get(10, TimeUnit.SECONDS);
      alloc.assertEveryObjectDestroyedOnce();
    }
  }
}
