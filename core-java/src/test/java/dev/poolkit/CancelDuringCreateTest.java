package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
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
  void interruptDuringCreateEndsTheAcquireAndTheObjectJoinsThePool_PYB3() throws Exception {
    try (pool) {
      Attempt<Lease<Res>> acquirer = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30)));
      awaitCreateStarted();
      acquirer.thread.interrupt();
      // The acquire ends at once; the create goes on on its own thread (it may be uninterruptible).
      assertInstanceOf(InterruptedException.class, acquirer.failure());
      assertEquals(0, pool.stats().createFailures());
      createMayFinish.countDown();
      Await.until("the created object became idle", () -> pool.stats().idle() == 1);
      PoolAsserts.assertFullCapacity(pool, 1);
      assertEquals(1, alloc.created.get());
    }
  }

  /**
   * The decision for "can a hung create make acquire(100 ms) wait past its deadline?": no. The
   * deadline bounds the whole acquire, a create it started included (L-4, CH-B1); the create goes
   * on and its object joins the pool, so nothing is lost (PY-B3).
   */
  @Test
  void aDeadlinePassingDuringCreateEndsTheAcquireAndTheObjectJoinsThePool_L4_CHB1() throws Exception {
    try (pool) {
      Attempt<Lease<Res>> blocking = Attempt.start(() -> pool.acquire(Duration.ofMillis(100)));
      assertInstanceOf(PoolTimeoutException.class, blocking.failure());
      assertEquals(1, alloc.createCalls.get(), "the acquire started a create and left it running");
      assertEquals(1, pool.stats().timeouts());
      assertEquals(1, pool.stats().creating());
      createMayFinish.countDown();
      Await.until("the created object became idle", () -> pool.stats().idle() == 1);
      PoolAsserts.assertFullCapacity(pool, 1);
      assertEquals(1, alloc.created.get());
    }
  }

  @Test
  void anAsyncDeadlinePassingDuringCreateFailsTheFutureAndTheObjectJoinsThePool_L4_CHB1()
      throws Exception {
    try (pool) {
      CompletableFuture<Lease<Res>> f = pool.acquireAsync(Duration.ofMillis(100));
      ExecutionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
      assertInstanceOf(PoolTimeoutException.class, e.getCause());
      createMayFinish.countDown();
      Await.until("the created object became idle", () -> pool.stats().idle() == 1);
      PoolAsserts.assertFullCapacity(pool, 1);
    }
  }

  @Test
  void aCallbackDeadlinePassingDuringCreateFailsItOnceAndTheObjectJoinsThePool_L4() throws Exception {
    try (pool) {
      CompletableFuture<Throwable> failure = new CompletableFuture<>();
      pool.acquireAsync(Duration.ofMillis(100), Callbacks.into(failure));
      assertInstanceOf(PoolTimeoutException.class, failure.get(10, TimeUnit.SECONDS));
      createMayFinish.countDown();
      Await.until("the created object became idle", () -> pool.stats().idle() == 1);
      PoolAsserts.assertFullCapacity(pool, 1);
    }
  }

  @Test
  void aWaiterHandedCapacityCreatesWithinWhatIsLeftOfItsDeadline_L4() throws Exception {
    alloc.beforeCreate = () -> {}; // the first object comes at once
    try (pool) {
      Lease<Res> held = pool.acquire();
      alloc.beforeCreate = createMayFinish::await; // its replacement hangs
      Attempt<Lease<Res>> waiter = Attempt.start(() -> pool.acquire(Duration.ofMillis(300)));
      Await.pending(pool, 1);
      held.invalidate(); // frees capacity: the waiter is handed an empty slot and creates
      assertInstanceOf(PoolTimeoutException.class, waiter.failure());
      createMayFinish.countDown();
      Await.until("the created object became idle", () -> pool.stats().idle() == 1);
      PoolAsserts.assertFullCapacity(pool, 1);
    }
  }
}
