package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PY-B3: cancelling, interrupting or timing out an acquire while its object is being created never
 * loses the slot: the object ends up idle (or destroyed) and the capacity stays usable.
 */
@Timeout(60)
class CancelDuringCreateTest {
  private final TestAllocator alloc = new TestAllocator();
  private final CountDownLatch createMayFinish = new CountDownLatch(1);
  private final Pool<Res> pool;

  CancelDuringCreateTest() {
    alloc.beforeCreate = createMayFinish::await;
    pool = Pool.builder(alloc).name("creating").maxSize(1).build();
  }

  private void awaitCreateStarted() {
    Await.until("create started", () -> alloc.createCalls.get() == 1);
  }

  @Test
  void cancellingTheFutureWhileItsObjectIsCreatedKeepsTheObject_PYB3() throws Exception {
    try (pool) {
      CompletableFuture<Lease<Res>> f = pool.acquireAsync(Duration.ofSeconds(30));
      awaitCreateStarted();
      assertTrue(f.cancel(true));
      createMayFinish.countDown();
      Await.until("the created object became idle", () -> pool.stats().idle() == 1);
      assertEquals(0, alloc.destroyed.get());
      PoolAsserts.assertFullCapacity(pool, 1);
      assertEquals(1, alloc.created.get());
    }
  }

  @Test
  void aCallbackAcquireBeingServedCannotBeCancelledAndGetsItsLease_PYB3() throws Exception {
    try (pool) {
      CompletableFuture<Lease<Res>> outcome = new CompletableFuture<>();
      PendingAcquire p = pool.acquireAsync(Duration.ofSeconds(30), Callbacks.completing(outcome));
      awaitCreateStarted();
      assertFalse(p.cancel(), "the outcome is decided once creation started");
      createMayFinish.countDown();
      Lease<Res> lease = outcome.get(10, TimeUnit.SECONDS);
      assertTrue(lease.isActive());
      lease.close();
      PoolAsserts.assertFullCapacity(pool, 1);
    }
  }

  @Test
  void interruptDuringCreateGivesTheCapacityBackAndKeepsTheInterrupt_PYB3() throws Exception {
    try (pool) {
      Attempt<Boolean> acquirer =
          Attempt.start(
              () -> {
                try {
                  pool.acquire(Duration.ofSeconds(30));
                  return false;
                } catch (PoolCreateException e) {
                  assertInstanceOf(InterruptedException.class, e.getCause());
                  return Thread.currentThread().isInterrupted();
                }
              });
      awaitCreateStarted();
      acquirer.thread.interrupt();
      assertTrue(acquirer.get(), "the interrupt status was swallowed");
      assertEquals(1, pool.stats().createFailures());
      createMayFinish.countDown();
      PoolAsserts.assertFullCapacity(pool, 1);
    }
  }

  @Test
  void aDeadlinePassingDuringCreateStillLeasesTheCreatedObject() throws Exception {
    try (pool) {
      Attempt<Lease<Res>> blocking = Attempt.start(() -> pool.acquire(Duration.ofMillis(50)));
      awaitCreateStarted();
      Thread.sleep(200); // let the deadline pass while create() is blocked
      createMayFinish.countDown();
      Lease<Res> lease = blocking.get();
      assertTrue(lease.isActive(), "creating is not waiting: the object is leased");
      assertEquals(0, pool.stats().timeouts());
      lease.close();
    }
  }

  @Test
  void anAsyncDeadlinePassingDuringCreateStillLeasesTheCreatedObject() throws Exception {
    try (pool) {
      CompletableFuture<Lease<Res>> f = pool.acquireAsync(Duration.ofMillis(50));
      awaitCreateStarted();
      Thread.sleep(200);
      createMayFinish.countDown();
      Lease<Res> lease = f.get(10, TimeUnit.SECONDS);
      assertTrue(lease.isActive());
      lease.close();
      PoolAsserts.assertFullCapacity(pool, 1);
    }
  }
}
