package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** {@code maxPending} bounds the waiters; one more fails at once with PoolExhaustedException. */
@Timeout(60)
class MaxPendingTest {

  private static void assertNamesMaxPending(Throwable e) {
    assertInstanceOf(PoolExhaustedException.class, e);
    assertTrue(e.getMessage().contains("maxPending"), e.getMessage());
  }

  @ContractTest
  void anAcquireBeyondMaxPendingFailsAtOnceNamingMaxPending(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(1).maxPending(2).build()) {
      Lease<Res> held = pool.acquire();
      Attempt<Lease<Res>> first = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30)));
      Await.pending(pool, 1);
      CompletableFuture<Lease<Res>> second = pool.acquireAsync(Duration.ofSeconds(30));
      Await.pending(pool, 2);
      assertNamesMaxPending(
          assertThrows(PoolExhaustedException.class, () -> pool.acquire(Duration.ofSeconds(30))));
      ExecutionException async =
          assertThrows(
              ExecutionException.class,
              () -> pool.acquireAsync(Duration.ofSeconds(30)).get(5, TimeUnit.SECONDS));
      assertNamesMaxPending(async.getCause());
      CompletableFuture<Throwable> callback = new CompletableFuture<>();
      pool.acquireAsync(Duration.ofSeconds(30), Callbacks.into(callback));
      assertNamesMaxPending(callback.get(5, TimeUnit.SECONDS));
      assertEquals(3, pool.stats().exhausted());
      assertEquals(2, pool.stats().pending());

      held.close();
      first.get().close();
      second.get(10, TimeUnit.SECONDS).close();
      PoolAsserts.assertFullCapacity(pool, 1);
    }
  }

  @ContractTest
  void aFreedQueuePlaceCanBeTakenAgain(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(1).maxPending(1).build()) {
      Lease<Res> held = pool.acquire();
      CompletableFuture<Lease<Res>> first = pool.acquireAsync(Duration.ofSeconds(30));
      Await.pending(pool, 1);
      assertTrue(first.cancel(false));
      Await.pending(pool, 0);
      CompletableFuture<Lease<Res>> second = pool.acquireAsync(Duration.ofSeconds(30));
      Await.pending(pool, 1);
      held.close();
      second.get(10, TimeUnit.SECONDS).close();
      assertEquals(0, pool.stats().exhausted());
    }
  }

  @ContractTest
  void maxPendingZeroForbidsWaitingButNotAcquiring(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(1).maxPending(0).build()) {
      Lease<Res> lease = pool.acquire(Duration.ofSeconds(30));
      assertNamesMaxPending(
          assertThrows(PoolExhaustedException.class, () -> pool.acquire(Duration.ofSeconds(30))));
      lease.close();
      pool.acquire(Duration.ofSeconds(30)).close();
    }
  }
}
