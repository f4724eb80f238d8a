package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link PoolStats}' counters only grow from one snapshot to the next, also while takes fail their
 * health check, creations are in flight and waiters race releases; at rest {@code acquired} is
 * exactly the number of leases handed out (CH-5's counters, PO-2).
 */
@Timeout(120)
class StatsMonotonicTest {
  private static final int THREADS = 3;
  private static final int OPS_PER_THREAD = Integer.getInteger("poolkit.statsOps", 4_000);

  /** A slow health check that fails one time in five: a wide window inside every take. */
  static final class FlakyAllocator extends TestAllocator {
    @Override
    public boolean isAlive(Res r) {
      LockSupport.parkNanos(20_000);
      return ThreadLocalRandom.current().nextInt(5) != 0;
    }
  }

  @ParameterizedTest
  @EnumSource(ReuseOrder.class)
  void countersNeverGoBackwardsUnderLoad(ReuseOrder order) throws Exception {
    FlakyAllocator alloc = new FlakyAllocator();
    AtomicLong handedOut = new AtomicLong();
    AtomicReference<String> violation = new AtomicReference<>();
    AtomicBoolean done = new AtomicBoolean();
    try (Pool<Res> pool = Pool.builder(alloc).maxSize(2).reuseOrder(order).build()) {
      Thread reader =
          Thread.ofPlatform()
              .start(
                  () -> {
                    PoolStats last = pool.stats();
                    while (!done.get() && violation.get() == null) {
                      PoolStats s = pool.stats();
                      String bad = firstDecrease(last, s);
                      if (bad != null) {
                        violation.compareAndSet(null, bad + ": " + last + " then " + s);
                      }
                      last = s;
                    }
                  });
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int i = 0; i < OPS_PER_THREAD && violation.get() == null; i++) {
                        try (Lease<Res> lease = pool.acquire(Duration.ofSeconds(10))) {
                          handedOut.incrementAndGet();
                          if (i % 7 == 0) {
                            lease.invalidate(); // keeps creations in flight
                          }
                        } catch (InterruptedException e) {
                          return;
                        }
                      }
                    }));
      }
      for (Thread w : workers) {
        w.join();
      }
      done.set(true);
      reader.join();
      assertEquals(null, violation.get());
      PoolStats s = Await.atRest(pool);
      assertEquals(handedOut.get(), s.acquired(), "acquired at rest: " + s);
      assertTrue(s.reused() <= s.acquired() && s.reused() >= s.acquired() - s.created(), s.toString());
    }
  }

  @Test
  void reusedAtRestIsAcquiredMinusTheLeasesServedByACreation() throws Exception {
    TestAllocator alloc = new TestAllocator();
    try (Pool<Res> pool = Pool.builder(alloc).maxSize(2).build()) {
      Lease<Res> a = pool.acquire();
      Lease<Res> b = pool.acquire();
      a.close();
      b.close();
      for (int i = 0; i < 5; i++) {
        pool.acquire().close();
      }
      PoolStats s = Await.atRest(pool);
      assertEquals(7, s.acquired());
      assertEquals(5, s.reused());
      assertEquals(2, s.created());
    }
  }

  private static String firstDecrease(PoolStats a, PoolStats b) {
    if (b.acquired() < a.acquired()) return "acquired";
    if (b.reused() < a.reused()) return "reused";
    if (b.created() < a.created()) return "created";
    if (b.destroyed() < a.destroyed()) return "destroyed";
    if (b.timeouts() < a.timeouts()) return "timeouts";
    if (b.dead() < a.dead()) return "dead";
    if (b.expired() < a.expired()) return "expired";
    if (b.invalidated() < a.invalidated()) return "invalidated";
    if (b.createFailures() < a.createFailures()) return "createFailures";
    return null;
  }
}
