package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * minIdle refill against hostile creates (L-4): an Error backs off like an exception, an
 * InterruptedException does not leave housekeeping interrupted, and a create that hangs does not
 * stop eviction. Progress is counted in housekeeping passes (each pass health-checks the idle
 * object), not in wall-clock time, so a busy machine only slows the test down.
 */
@Timeout(60)
class RefillResilienceTest {
  private final CheckingAllocator alloc = new CheckingAllocator();

  private Pool<Res> pool(int maxSize, int minIdle) {
    return Pool.builder(alloc)
        .maxSize(maxSize)
        .minIdle(minIdle)
        .housekeepingInterval(Duration.ofMillis(10))
        .build();
  }

  /** Waits for {@code passes} more housekeeping passes, each seen as a health check. */
  private void awaitPasses(int passes) {
    int target = alloc.housekeeperChecks.get() + passes;
    Await.until(passes + " housekeeping passes", () -> alloc.housekeeperChecks.get() >= target);
  }

  @Test
  void refillBacksOffAfterACreateThrowsAnError_L4() throws Exception {
    // The first create succeeds (an idle object whose checks count the passes); then the driver
    // class is "missing" for every later create.
    alloc.beforeCreate =
        () -> {
          if (alloc.createCalls.get() > 1) {
            throw new NoClassDefFoundError("com/example/Driver");
          }
        };
    try (Pool<Res> pool = pool(3, 3)) {
      Await.until("the first object and a failure", () -> pool.stats().createFailures() >= 1);
      int before = alloc.createCalls.get();
      awaitPasses(60);
      int attempts = alloc.createCalls.get() - before;
      // Without back-off every pass tries (60 and more); doubling from one period gives ~6.
      assertTrue(attempts <= 15, attempts + " create attempts in 60 housekeeping passes");
      assertEquals(1, pool.stats().idle());
    }
  }

  @Test
  void aCreateThrowingInterruptedExceptionLeavesHousekeepingUninterrupted_L4() throws Exception {
    AtomicBoolean sawInterrupted = new AtomicBoolean();
    CheckingAllocator watching =
        new CheckingAllocator() {
          @Override
          public boolean isAlive(Res r) {
            if (Thread.currentThread().isInterrupted()) {
              sawInterrupted.set(true); // a housekeeper left interrupted never parks again
            }
            return super.isAlive(r);
          }
        };
    watching.beforeCreate =
        () -> {
          if (watching.createCalls.get() > 1) {
            throw new InterruptedException("create gave up");
          }
        };
    try (Pool<Res> pool =
        Pool.builder(watching)
            .maxSize(2)
            .minIdle(2)
            .housekeepingInterval(Duration.ofMillis(10))
            .build()) {
      Await.until("an interrupted create", () -> pool.stats().createFailures() >= 1);
      int target = watching.housekeeperChecks.get() + 10;
      Await.until("10 more passes", () -> watching.housekeeperChecks.get() >= target);
      assertFalse(sawInterrupted.get(), "a health check ran on an interrupted thread");
    }
  }

  @Test
  void aHungRefillCreateDoesNotStopIdleEviction_L4_PO8() throws Exception {
    CountDownLatch hang = new CountDownLatch(1);
    AtomicBoolean hanging = new AtomicBoolean(true);
    // The refill's first create (started at build) hangs, and so may its second; later ones do not.
    alloc.beforeCreate =
        () -> {
          if (hanging.get()) {
            hang.await();
          }
        };
    try (Pool<Res> pool =
        Pool.builder(alloc)
            .maxSize(5)
            .minIdle(2)
            .idleTimeout(Duration.ofMillis(100))
            .housekeepingInterval(Duration.ofMillis(10))
            .build()) {
      Await.until("a refill create in progress", () -> alloc.createCalls.get() >= 1);
      hanging.set(false);
      Lease<Res> a = pool.acquire();
      Lease<Res> b = pool.acquire();
      Lease<Res> c = pool.acquire();
      a.close();
      b.close();
      c.close();
      // 3 idle + the hung creates: above minIdle, so idle objects go after the idle timeout.
      Await.until("idle objects evicted beside a hung create", () -> alloc.destroyed.get() >= 1);
      hang.countDown();
    } finally {
      hang.countDown();
    }
  }
}
