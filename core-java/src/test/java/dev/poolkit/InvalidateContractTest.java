package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Timeout;

/** CH-3: a borrower can expire its object; it is destroyed (once, PY-12) and replaced. */
@Timeout(60)
class InvalidateContractTest {

  @ContractTest
  void anInvalidatedObjectIsDestroyedAndReplacedByAFreshOne_CH3(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    try (Pool<Res> pool = v.builder(alloc).maxSize(1).build()) {
      Lease<Res> lease = pool.acquire();
      Res expired = lease.get();
      lease.invalidate();
      assertFalse(lease.isActive());
      assertThrows(IllegalStateException.class, lease::get);
      assertEquals(1, expired.destroyCount.get());
      try (Lease<Res> next = pool.acquire(Duration.ZERO)) {
        assertNotSame(expired, next.get());
      }
      PoolStats s = pool.stats();
      assertEquals(1, s.invalidated());
      assertEquals(2, s.created());
      assertEquals(1, s.destroyed());
    }
  }

  @ContractTest
  void invalidatingFreesCapacityForAWaiter_L2_CH3(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    try (Pool<Res> pool = v.builder(alloc).maxSize(1).build()) {
      Lease<Res> held = pool.acquire();
      Res expired = held.get();
      Attempt<Lease<Res>> waiter = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30)));
      Await.pending(pool, 1);
      held.invalidate();
      try (Lease<Res> lease = waiter.get()) {
        assertNotSame(expired, lease.get());
      }
    }
  }

  @ContractTest
  void anObjectIsDestroyedExactlyOnceWhateverHappensToItsLease_PY12(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    Pool<Res> pool = v.builder(alloc).maxSize(2).build();
    Lease<Res> a = pool.acquire();
    Lease<Res> b = pool.acquire();
    a.invalidate();
    a.invalidate();
    a.close();
    pool.release(a);
    b.close();
    pool.close();
    b.invalidate();
    b.close();
    pool.close();
    pool.closeAsync().get(10, java.util.concurrent.TimeUnit.SECONDS);
    alloc.assertEveryObjectDestroyedOnce();
    assertEquals(2, alloc.destroyed.get());
  }
}
