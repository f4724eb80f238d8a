package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CH-2 / CH-B1: an acquire waits up to its timeout, a deadline measured from the call. */
@Timeout(60)
class AcquireTimeoutTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  /** Upper slack for a slow shared CI machine; deadlines are checked from below exactly. */
  private static final Duration SLACK = Duration.ofSeconds(8);

  private final TestAllocator alloc = new TestAllocator();
  private final Pool<Res> pool = Pool.builder(alloc).name("timeouts").maxSize(1).build();

  private static void assertTookAboutTimeout(long startNanos) {
    long elapsed = System.nanoTime() - startNanos;
    assertTrue(elapsed >= TIMEOUT.toNanos(), "returned before the deadline: " + elapsed + " ns");
    assertTrue(elapsed < TIMEOUT.plus(SLACK).toNanos(), "deadline overshot: " + elapsed + " ns");
  }

  @Test
  void acquireFailsWithPoolTimeoutExceptionAtTheDeadline_CH2() throws Exception {
    try (pool;
        Lease<Res> held = pool.acquire()) {
      long start = System.nanoTime();
      PoolTimeoutException e =
          assertThrows(PoolTimeoutException.class, () -> pool.acquire(TIMEOUT));
      assertTookAboutTimeout(start);
      assertTrue(e.getMessage().contains("timeouts"), e.getMessage());
      PoolStats s = pool.stats();
      assertEquals(1, s.timeouts());
      assertEquals(0, s.pending(), "the timed-out waiter left the queue");
      assertTrue(held.isActive());
    }
  }

  @Test
  void wakeUpsWithoutAnObjectDoNotRestartTheDeadline_CHB1() throws Exception {
    try (pool;
        Lease<Res> held = pool.acquire()) {
      long start = System.nanoTime();
      Attempt<Lease<Res>> waiter = Attempt.start(() -> pool.acquire(TIMEOUT));
      Await.pending(pool, 1);
      // A "timeout" that is really a wake-up interval (ClickHouse #112053) never expires here.
      while (!waiter.isDone() && System.nanoTime() - start < TIMEOUT.plus(SLACK).toNanos()) {
        LockSupport.unpark(waiter.thread);
        Thread.sleep(5);
      }
      assertInstanceOf(PoolTimeoutException.class, waiter.failure());
      assertTookAboutTimeout(start);
      assertTrue(held.isActive());
    }
  }

  @Test
  void asyncAcquiresFailAtTheirDeadline_CH2() throws Exception {
    try (pool;
        Lease<Res> held = pool.acquire()) {
      long start = System.nanoTime();
      CompletableFuture<Lease<Res>> future = pool.acquireAsync(TIMEOUT);
      CompletableFuture<Throwable> callback = new CompletableFuture<>();
      pool.acquireAsync(TIMEOUT, Callbacks.into(callback));
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> future.get(TIMEOUT.plus(SLACK).toSeconds(), TimeUnit.SECONDS));
      assertInstanceOf(PoolTimeoutException.class, e.getCause());
      assertInstanceOf(
          PoolTimeoutException.class, callback.get(SLACK.toSeconds(), TimeUnit.SECONDS));
      assertTookAboutTimeout(start);
      assertEquals(0, pool.stats().pending());
      assertEquals(2, pool.stats().timeouts());
      assertTrue(held.isActive());
    }
  }

  @Test
  void aTimedOutAcquireLeavesTheCapacityUsable() throws Exception {
    try (pool) {
      Lease<Res> held = pool.acquire();
      assertThrows(PoolTimeoutException.class, () -> pool.acquire(Duration.ofMillis(20)));
      held.close();
      try (Lease<Res> again = pool.acquire(Duration.ZERO)) {
        assertTrue(again.isActive());
      }
      assertEquals(1, alloc.created.get());
    }
  }

  @Test
  void timeoutArgumentsAreCheckedNamingTimeout() {
    try (pool) {
      Duration minus = Duration.ofNanos(-1);
      AcquireCallback<Res> ignore = Callbacks.into(new CompletableFuture<>());
      assertNamesTimeout(assertThrows(NullPointerException.class, () -> pool.acquire(null)));
      assertNamesTimeout(assertThrows(IllegalArgumentException.class, () -> pool.acquire(minus)));
      assertNamesTimeout(assertThrows(NullPointerException.class, () -> pool.acquireAsync(null)));
      assertNamesTimeout(
          assertThrows(IllegalArgumentException.class, () -> pool.acquireAsync(minus)));
      assertNamesTimeout(
          assertThrows(NullPointerException.class, () -> pool.acquireAsync(null, ignore)));
      assertNamesTimeout(
          assertThrows(IllegalArgumentException.class, () -> pool.acquireAsync(minus, ignore)));
      assertNamesTimeout(
          assertThrows(NullPointerException.class, () -> pool.withLease(null, r -> r)));
      assertNamesTimeout(
          assertThrows(IllegalArgumentException.class, () -> pool.withLease(minus, r -> r)));
      NullPointerException e =
          assertThrows(NullPointerException.class, () -> pool.acquireAsync(TIMEOUT, null));
      assertTrue(e.getMessage().contains("callback"), e.getMessage());
      assertEquals(0, pool.stats().allocated(), "a rejected argument takes nothing");
    }
  }

  private static void assertNamesTimeout(RuntimeException e) {
    assertTrue(e.getMessage() != null && e.getMessage().contains("timeout"), e.getMessage());
  }

  @Test
  void anEnormousTimeoutMeansWaitForEver() throws Exception {
    try (pool) {
      Lease<Res> held = pool.acquire();
      Attempt<Lease<Res>> waiter =
          Attempt.start(() -> pool.acquire(Duration.ofSeconds(Long.MAX_VALUE)));
      Await.pending(pool, 1);
      held.close();
      waiter.get().close();
    }
  }
}
