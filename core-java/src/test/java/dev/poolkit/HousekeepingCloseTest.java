package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Close stops housekeeping, never waits for (or joins) it under a lock (PO-B3), and nothing the
 * housekeeper was making survives. Virtual threads are not listed by Thread.getAllStackTraces, so
 * "stopped" is checked as: no allocator call at all after close, over many housekeeping periods.
 */
@Timeout(60)
class HousekeepingCloseTest {
  private static final Duration PERIOD = Duration.ofMillis(10);

  @Test
  void noAllocatorCallHappensAfterClose_POB3() throws Exception {
    CheckingAllocator alloc = new CheckingAllocator();
    Pool<Res> pool =
        Pool.builder(alloc)
            .maxSize(4)
            .minIdle(2)
            .idleTimeout(Duration.ofMillis(50))
            .maxLifetime(Duration.ofSeconds(5))
            .housekeepingInterval(PERIOD)
            .build();
    Await.until("refilled", () -> pool.stats().idle() == 2);
    int checks = alloc.housekeeperChecks.get();
    Await.until("housekeeping is running", () -> alloc.housekeeperChecks.get() > checks + 4);
    pool.close();
    // Done when every slot is empty: a pass under way has finished with the object it held.
    pool.closeAsync().get(10, TimeUnit.SECONDS);
    int calls = alloc.calls.get();
    Thread.sleep(PERIOD.toMillis() * 30);
    assertEquals(calls, alloc.calls.get(), "the allocator was called after close");
    alloc.assertEveryObjectDestroyedOnce();
  }

  @Test
  void closeDoesNotWaitForAHousekeeperStuckInCreate_POB3_PYB5() throws Exception {
    TestAllocator alloc = new TestAllocator();
    CountDownLatch hang = new CountDownLatch(1);
    alloc.beforeCreate = () -> hang.await(10, TimeUnit.SECONDS);
    Pool<Res> pool = Pool.builder(alloc).maxSize(2).minIdle(1).housekeepingInterval(PERIOD).build();
    Await.until("refill under way", () -> alloc.createCalls.get() == 1);
    Attempt.start(() -> { pool.close(); return null; }).get();
    assertEquals(1, hang.getCount(), "close waited for the housekeeper's create");
    hang.countDown();
    Await.until("the object made during close is destroyed", () -> alloc.destroyed.get() == 1);
    alloc.assertEveryObjectDestroyedOnce();
    pool.closeAsync().get(10, TimeUnit.SECONDS);
    Thread.sleep(PERIOD.toMillis() * 10);
    assertEquals(1, alloc.createCalls.get(), "housekeeping went on creating after close");
  }

  @Test
  void closeDoesNotWaitForAHousekeeperStuckInDestroy_POB3() throws Exception {
    TestAllocator alloc = new TestAllocator();
    CountDownLatch hang = new CountDownLatch(1);
    Pool<Res> pool =
        Pool.builder(alloc).maxSize(2).idleTimeout(Duration.ofMillis(40)).build();
    Lease<Res> idle = pool.acquire();
    Lease<Res> leased = pool.acquire();
    alloc.beforeDestroy = () -> hang.await(10, TimeUnit.SECONDS);
    idle.close();
    Await.until("eviction under way", () -> alloc.calls.get() == 3);
    Attempt.start(() -> { pool.close(); return null; }).get();
    assertTrue(hang.getCount() == 1, "close waited for the housekeeper's destroy");
    assertTrue(pool.isClosed());
    alloc.beforeDestroy = () -> {};
    hang.countDown();
    leased.close();
    pool.closeAsync().get(10, TimeUnit.SECONDS);
    alloc.assertEveryObjectDestroyedOnce();
  }
}
