package dev.poolkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolkit.AcquireCallback;
import dev.poolkit.Allocator;
import dev.poolkit.KeyedPool;
import dev.poolkit.Lease;
import dev.poolkit.PoolClosedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A keyed async acquire (future or callback) that a drop of its key's pool (CH-6) overtakes is
 * retried on the key's new pool, as the blocking acquire is: an open keyed pool never fails an
 * acquire with {@link PoolClosedException}. White-box, because the window is nanoseconds wide (a
 * load test of 3,000 drops never hit it): the drop is made to happen right after the acquire
 * looked its pool up, or after it linked a waiter there.
 */
@Timeout(60)
class KeyedAsyncDropRaceTest {
  private final AtomicInteger poolsMade = new AtomicInteger();

  private KeyedSlotPools<String, String> keyed(int maxTotal) {
    Allocator<String> objects = () -> "object";
    return (KeyedSlotPools<String, String>)
        KeyedPool.<String, String>builder(
                key -> {
                  poolsMade.incrementAndGet();
                  return objects;
                })
            .name("drops")
            .maxSizePerKey(1)
            .maxTotal(maxTotal)
            .idlePoolTimeout(Duration.ZERO) // no janitor: the test drops
            .build();
  }

  /** Drops the looked-up pool once, between the lookup and the acquire on it. */
  private static void dropAfterFirstLookup(KeyedSlotPools<String, String> keyed) {
    AtomicInteger lookups = new AtomicInteger();
    keyed.afterLookup =
        (key, pool) -> {
          if (lookups.incrementAndGet() == 1) {
            assertTrue(keyed.drop(key, pool), "dropped");
          }
        };
  }

  @Test
  void aFutureWhosePoolIsDroppedAtTheCallIsServedByTheKeysNewPool_CH6() throws Exception {
    try (KeyedSlotPools<String, String> keyed = keyed(Integer.MAX_VALUE)) {
      keyed.pool("k");
      dropAfterFirstLookup(keyed);
      try (Lease<String> lease = keyed.acquireAsync("k", Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS)) {
        assertEquals("object", lease.get());
      }
      assertEquals(2, poolsMade.get(), "a new pool for the key");
      assertEquals(1, keyed.stats().acquired());
    }
  }

  @Test
  void aCallbackWhosePoolIsDroppedAtTheCallIsServedByTheKeysNewPool_CH6() throws Exception {
    try (KeyedSlotPools<String, String> keyed = keyed(Integer.MAX_VALUE)) {
      keyed.pool("k");
      dropAfterFirstLookup(keyed);
      CompletableFuture<Lease<String>> outcome = new CompletableFuture<>();
      keyed.acquireAsync("k", Duration.ofSeconds(5), completing(outcome));
      try (Lease<String> lease = outcome.get(10, TimeUnit.SECONDS)) {
        assertEquals("object", lease.get());
      }
      assertEquals(2, poolsMade.get());
    }
  }

  @Test
  void aWaitingFutureWhosePoolIsDroppedWaitsOnInTheKeysNewPool_CH6() throws Exception {
    try (KeyedSlotPools<String, String> keyed = keyed(1)) {
      Lease<String> other = keyed.acquire("other"); // the only room under maxTotal 1
      CompletableFuture<Lease<String>> f = keyed.acquireAsync("k", Duration.ofSeconds(30));
      SlotPool<String> first = keyed.pool("k");
      awaitWaiter(first);
      assertTrue(keyed.drop("k", first)); // as a janitor that checked just before the waiter linked
      SlotPool<String> second = keyed.pool("k");
      assertNotSame(first, second);
      awaitWaiter(second); // the retry waits in the new pool
      other.close(); // frees the room, which goes to the waiter of the new pool
      try (Lease<String> lease = f.get(10, TimeUnit.SECONDS)) {
        assertEquals("object", lease.get());
      }
    }
  }

  @Test
  void aWaitingCallbackWhosePoolIsDroppedWaitsOnAndCanStillBeCancelled_CH6() throws Exception {
    try (KeyedSlotPools<String, String> keyed = keyed(1)) {
      Lease<String> other = keyed.acquire("other");
      CompletableFuture<Lease<String>> outcome = new CompletableFuture<>();
      var pending = keyed.acquireAsync("k", Duration.ofSeconds(30), completing(outcome));
      SlotPool<String> first = keyed.pool("k");
      awaitWaiter(first);
      assertTrue(keyed.drop("k", first));
      SlotPool<String> second = keyed.pool("k");
      awaitWaiter(second);
      assertTrue(pending.cancel(), "an acquire not yet called back can be cancelled");
      assertTrue(!pending.cancel(), "once");
      other.close(); // the room goes to no one: the retried attempt was withdrawn, or its lease closed
      PoolStatsAt.rest(keyed);
      assertEquals(0, keyed.stats().inUse());
      assertTrue(!outcome.isDone(), "a cancelled acquire is never called back");
    }
  }

  @Test
  void aCancelledFutureWithdrawsItsRetriedAttempt() throws Exception {
    try (KeyedSlotPools<String, String> keyed = keyed(1)) {
      Lease<String> other = keyed.acquire("other");
      CompletableFuture<Lease<String>> f = keyed.acquireAsync("k", Duration.ofSeconds(30));
      SlotPool<String> first = keyed.pool("k");
      awaitWaiter(first);
      assertTrue(keyed.drop("k", first));
      SlotPool<String> second = keyed.pool("k");
      awaitWaiter(second);
      assertTrue(f.cancel(false));
      assertEquals(0, second.stats().pending(), "the waiter left the new pool");
      other.close();
      assertEquals(1, keyed.stats().idle() + keyed.stats().inUse() + keyed.stats().creating());
    }
  }

  @Test
  void aCloseOfTheKeyedPoolStillFailsAsyncAcquires() throws Exception {
    KeyedSlotPools<String, String> keyed = keyed(1);
    Lease<String> other = keyed.acquire("other");
    CompletableFuture<Lease<String>> f = keyed.acquireAsync("k", Duration.ofSeconds(30));
    awaitWaiter(keyed.pool("k"));
    keyed.close();
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
    assertSame(PoolClosedException.class, e.getCause().getClass());
    other.close();
  }

  /** Waits until nothing is leased, waiting or in progress across the keyed pool. */
  private static final class PoolStatsAt {
    static void rest(KeyedSlotPools<String, String> keyed) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (true) {
        var s = keyed.stats();
        if (s.inUse() == 0 && s.pending() == 0 && s.creating() == 0) {
          return;
        }
        assertTrue(System.nanoTime() < deadline, "not at rest: " + s);
        Thread.sleep(1);
      }
    }
  }

  private static void awaitWaiter(SlotPool<String> pool) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pool.stats().pending() != 1) {
      assertTrue(System.nanoTime() < deadline, "no waiter in " + pool);
      Thread.sleep(1);
    }
  }

  private static AcquireCallback<String> completing(CompletableFuture<Lease<String>> outcome) {
    return new AcquireCallback<>() {
      @Override
      public void onLease(Lease<String> lease) {
        if (!outcome.complete(lease)) {
          lease.close();
        }
      }

      @Override
      public void onFailure(Throwable error) {
        outcome.completeExceptionally(error);
      }
    };
  }
}
