package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Timeout;

/**
 * PY-B1, PO-4, PO-6, PO-7, PO-B4, PO-B5: health checks before handing out and on release, the
 * reset on release, and what happens to objects that fail them: destroyed, never handed out.
 */
@Timeout(60)
class HealthCheckContractTest {

  @CheckedContractTest
  void aDeadIdleObjectIsDestroyedAndNeverHandedOut_PYB1_PO4_POB5(Variant v) throws Exception {
    CheckingAllocator alloc = v.checkingAllocator();
    try (Pool<Res> pool = v.builder(alloc).maxSize(2).build()) {
      Lease<Res> first = pool.acquire();
      Res dying = first.get();
      first.close();
      dying.alive = false; // e.g. the peer closed the connection while it was idle
      try (Lease<Res> lease = pool.acquire()) {
        assertNotSame(dying, lease.get());
      }
      assertEquals(1, dying.destroyCount.get(), "PO-B5: destroyed, not just dropped");
      PoolStats s = pool.stats();
      assertEquals(1, s.dead());
      assertEquals(1, s.allocated());
    }
  }

  @CheckedContractTest
  void anObjectDeadOnReturnIsDestroyedNotQueued_PO7(Variant v) throws Exception {
    CheckingAllocator alloc = v.checkingAllocator();
    try (Pool<Res> pool = v.builder(alloc).maxSize(2).build()) {
      Lease<Res> lease = pool.acquire();
      Res object = lease.get();
      object.alive = false;
      lease.close();
      assertEquals(1, object.destroyCount.get());
      PoolStats s = PoolAsserts.quiet(pool);
      assertEquals(0, s.allocated(), "allocated - 1");
      assertEquals(0, s.idle());
      assertEquals(1, s.dead());
    }
  }

  @CheckedContractTest
  void aReturnedObjectIsResetBeforeAnyoneElseGetsIt_PO6(Variant v) throws Exception {
    CheckingAllocator alloc = v.checkingAllocator();
    try (Pool<Res> pool = v.builder(alloc).maxSize(1).build()) {
      try (Lease<Res> lease = pool.acquire()) {
        lease.get().setting = "borrower's override";
      }
      try (Lease<Res> lease = pool.acquire()) {
        assertEquals("default", lease.get().setting);
        assertEquals(1, lease.get().resetCount.get());
      }
    }
  }

  @CheckedContractTest
  void aResetThatThrowsDestroysTheObjectAndFreesItsCapacity_POB4(Variant v) throws Exception {
    CheckingAllocator alloc = v.checkingAllocator();
    try (Pool<Res> pool = v.builder(alloc).maxSize(1).build()) {
      Lease<Res> lease = pool.acquire();
      Res object = lease.get();
      object.resetThrows = true;
      lease.close(); // must not throw
      assertEquals(1, object.destroyCount.get());
      PoolStats s = pool.stats();
      assertEquals(0, s.inUse(), "PO-B4: not left counted as in use");
      assertEquals(0, s.allocated());
      assertEquals(1, s.dead());
      try (Lease<Res> next = pool.acquire(Duration.ZERO)) {
        assertNotSame(object, next.get());
      }
    }
  }

  @CheckedContractTest
  void aHealthCheckThatThrowsCountsAsDead(Variant v) throws Exception {
    CheckingAllocator alloc = v.checkingAllocator();
    try (Pool<Res> pool = v.builder(alloc).maxSize(1).build()) {
      Lease<Res> lease = pool.acquire();
      Res object = lease.get();
      lease.close();
      object.aliveThrows = true;
      try (Lease<Res> next = pool.acquire()) {
        assertNotSame(object, next.get());
      }
      assertEquals(1, object.destroyCount.get());
      assertEquals(1, pool.stats().dead());
    }
  }

  @CheckedContractTest
  void anObjectDeadOnReturnFreesCapacityForAWaiter_L2(Variant v) throws Exception {
    CheckingAllocator alloc = v.checkingAllocator();
    try (Pool<Res> pool = v.builder(alloc).maxSize(1).build()) {
      Lease<Res> held = pool.acquire();
      Res dead = held.get();
      Attempt<Lease<Res>> waiter = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30)));
      Await.pending(pool, 1);
      dead.alive = false;
      held.close();
      try (Lease<Res> lease = waiter.get()) {
        assertNotSame(dead, lease.get());
        assertTrue(lease.get().alive);
      }
      assertEquals(2, alloc.created.get());
    }
  }

  @CheckedContractTest
  void aHealthyObjectIsCheckedAndReused_PYB1(Variant v) throws Exception {
    CheckingAllocator alloc = v.checkingAllocator();
    try (Pool<Res> pool = v.builder(alloc).maxSize(1).build()) {
      Lease<Res> lease = pool.acquire();
      Res object = lease.get();
      lease.close();
      int checks = alloc.isAliveCalls.get();
      assertTrue(checks >= 1, "checked on release");
      try (Lease<Res> again = pool.acquire()) {
        assertSame(object, again.get());
      }
      assertTrue(alloc.isAliveCalls.get() > checks, "checked again before handing out");
      assertEquals(0, pool.stats().dead());
    }
  }
}
