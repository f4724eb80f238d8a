package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PY-5, PO-B1, CH-B3, L-4: create, reset, health check and destroy run outside every lock. One of
 * them hanging (up to ten seconds, on a latch) must not delay acquires served from idle objects,
 * releases, other creations, stats or close. "Not delayed" means: done while the latch is still
 * closed; every wait here is bounded by the latch's ten seconds, never by a tighter clock.
 */
@Timeout(60)
class CreationOutsideLocksTest {
  private final CountDownLatch hang = new CountDownLatch(1);

  @AfterEach
  void releaseTheHang() {
    hang.countDown();
  }

  private void hangUpTo10s() throws InterruptedException {
    hang.await(10, TimeUnit.SECONDS);
  }

  private boolean stillHanging() {
    return hang.getCount() == 1;
  }

  @ContractTest
  void aHungCreateDelaysNeitherAnIdleAcquireNorARelease_PY5_POB1_CHB3(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    try (Pool<Res> pool = v.builder(alloc).maxSize(3).build()) {
      Lease<Res> first = pool.acquire();
      Res object = first.get();
      alloc.beforeCreate = this::hangUpTo10s;
      Attempt<Lease<Res>> creating = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30)));
      Await.until("create under way", () -> alloc.createCalls.get() == 2);

      Attempt.start(() -> { first.close(); return null; }).get();
      assertTrue(stillHanging(), "the release waited for the hung create");
      Lease<Res> idle = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30))).get();
      assertTrue(stillHanging(), "the idle acquire waited for the hung create");
      assertSame(object, idle.get());
      Await.until("only the hung create in progress", () -> pool.stats().creating(), 1);
      idle.close();

      hang.countDown();
      Lease<Res> created = creating.get();
      assertTrue(created.isActive());
      created.close();
    }
  }

  @ContractTest
  void oneHungCreateDoesNotStopOtherCreations_L4(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    alloc.beforeCreateCall(1, this::hangUpTo10s);
    try (Pool<Res> pool = v.builder(alloc).maxSize(3).build()) {
      Attempt<Lease<Res>> hung = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30)));
      Await.until("first create under way", () -> alloc.createCalls.get() == 1);
      Lease<Res> a = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30))).get();
      Lease<Res> b = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30))).get();
      assertTrue(stillHanging(), "other creations waited for the hung one");
      assertNotNull(a.get());
      assertNotNull(b.get());
      PoolStats s = Attempt.start(pool::stats).get();
      assertEquals(3, s.allocated());
      Await.until("only the hung create in progress", () -> pool.stats().creating(), 1);
      hang.countDown();
      hung.get().close();
      a.close();
      b.close();
    }
  }

  @ContractTest
  void closeDoesNotWaitForAHungCreateAndItsObjectIsDestroyed_PYB5(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    Pool<Res> pool = v.builder(alloc).maxSize(2).build();
    alloc.beforeCreate = this::hangUpTo10s;
    Attempt<Lease<Res>> hung = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30)));
    Await.until("create under way", () -> alloc.createCalls.get() == 1);
    Attempt.start(() -> { pool.close(); return null; }).get();
    assertTrue(stillHanging(), "close waited for the hung create");
    hang.countDown();
    assertInstanceOf(PoolClosedException.class, hung.failure());
    alloc.assertEveryObjectDestroyedOnce();
    assertEquals(1, alloc.created.get());
    pool.closeAsync().get(10, TimeUnit.SECONDS);
  }

  @ContractTest
  void aHungDestroyDoesNotBlockOtherLeases(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    try (Pool<Res> pool = v.builder(alloc).maxSize(3).build()) {
      Lease<Res> doomed = pool.acquire();
      Lease<Res> other = pool.acquire();
      alloc.beforeDestroy = this::hangUpTo10s;
      Attempt<Object> invalidating = Attempt.start(() -> { doomed.invalidate(); return null; });
      Await.until("destroy under way", () -> alloc.calls.get() >= 3);
      Attempt.start(() -> { other.close(); return null; }).get();
      Lease<Res> again = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30))).get();
      Lease<Res> fresh = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30))).get();
      assertTrue(stillHanging(), "leases waited for the hung destroy");
      assertFalse(invalidating.isDone());
      alloc.beforeDestroy = () -> {};
      hang.countDown();
      invalidating.get();
      again.close();
      fresh.close();
    }
  }

  @Test
  void aHungResetOrHealthCheckDoesNotBlockOtherLeases() throws Exception {
    CheckingAllocator alloc = new CheckingAllocator();
    try (Pool<Res> pool = Pool.builder(alloc).maxSize(3).build()) {
      Lease<Res> resetting = pool.acquire();
      Lease<Res> other = pool.acquire();
      alloc.beforeReset = this::hangUpTo10s;
      Attempt<Object> releasing = Attempt.start(() -> { resetting.close(); return null; });
      Await.until("reset under way", () -> alloc.calls.get() >= 3);
      alloc.beforeReset = () -> {};
      Attempt.start(() -> { other.close(); return null; }).get();
      Lease<Res> again = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30))).get();
      Lease<Res> third = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30))).get();
      assertTrue(stillHanging(), "leases waited for the hung reset");
      assertFalse(releasing.isDone());
      hang.countDown();
      releasing.get();
      again.close();
      third.close();
      PoolAsserts.assertFullCapacity(pool, 3);
    }
  }
}
