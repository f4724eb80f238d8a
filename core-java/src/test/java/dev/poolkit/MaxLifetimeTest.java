package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** maxLifetime: objects are replaced once they reach their (jittered) lifetime. */
@Timeout(60)
class MaxLifetimeTest {
  private static final Duration LIFETIME = Duration.ofMillis(200);

  private final TestAllocator alloc = new TestAllocator();

  @Test
  void anIdleObjectPastItsLifetimeIsDestroyedAndNotHandedOut_CH5() throws Exception {
    try (Pool<Res> pool =
        Pool.builder(alloc).maxSize(1).idleTimeout(Duration.ZERO).maxLifetime(LIFETIME).build()) {
      Lease<Res> lease = pool.acquire();
      Res old = lease.get();
      lease.close();
      Await.until("the old object expired", old::destroyed);
      try (Lease<Res> fresh = pool.acquire()) {
        assertNotSame(old, fresh.get());
      }
      assertEquals(1, pool.stats().expired());
      assertEquals(1, old.destroyCount.get());
    }
  }

  @Test
  void aLeasedObjectPastItsLifetimeIsDestroyedWhenReleased_CH5() throws Exception {
    try (Pool<Res> pool =
        Pool.builder(alloc).maxSize(1).idleTimeout(Duration.ZERO).maxLifetime(LIFETIME).build()) {
      Lease<Res> lease = pool.acquire();
      Res old = lease.get();
      Thread.sleep(LIFETIME.toMillis() + 50);
      assertTrue(lease.isActive(), "a lease is never taken away for age");
      assertEquals(0, old.destroyCount.get());
      lease.close();
      assertEquals(1, old.destroyCount.get());
      assertEquals(1, pool.stats().expired());
      assertEquals(0, pool.stats().allocated());
    }
  }

  @Test
  void expiredObjectsAreReplacedInTheBackgroundUpToMinIdle() throws Exception {
    try (Pool<Res> pool =
        Pool.builder(alloc)
            .maxSize(2)
            .minIdle(2)
            .prefill(true)
            .idleTimeout(Duration.ZERO)
            .maxLifetime(LIFETIME)
            .build()) {
      Await.until("two generations replaced", () -> alloc.destroyed.get() >= 4);
      Await.until("back at minIdle", () -> pool.stats().allocated() == 2);
      PoolStats s = pool.stats();
      assertTrue(s.expired() >= 4, s.toString());
      for (Res r : alloc.all()) {
        assertTrue(r.destroyCount.get() <= 1, r + " destroyed twice");
      }
    }
  }
}
