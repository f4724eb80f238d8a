package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Timeout;

/** PY-B2, PO-5: releasing twice, releasing a stranger's lease, using a dead lease. */
@Timeout(60)
class LeaseMisuseTest {

  @ContractTest
  void aSecondReleaseDoesNotInflateTheCapacity_PYB2(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(2).build()) {
      Lease<Res> lease = pool.acquire();
      lease.close();
      lease.close();
      pool.release(lease);
      Lease<Res> a = pool.acquire();
      Lease<Res> b = pool.acquire();
      assertNotSame(a.get(), b.get(), "two holders of one object");
      assertNull(pool.tryAcquire(), "a third lease from a pool of two");
      PoolAsserts.assertConsistent(pool.stats());
      assertEquals(2, pool.stats().inUse());
      a.close();
      b.close();
      PoolAsserts.assertFullCapacity(pool, 2);
    }
  }

  @ContractTest
  void releasingADeadLeaseWhileItsObjectIsLeasedAgainLeavesTheHolderAlone_PYB2(Variant v)
      throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(1).build()) {
      Lease<Res> old = pool.acquire();
      old.close();
      Lease<Res> holder = pool.acquire();
      old.close();
      pool.release(old);
      old.invalidate();
      assertTrue(holder.isActive());
      assertNull(pool.tryAcquire(), "the object must still be leased to its holder");
      assertEquals(0, pool.stats().destroyed());
      holder.close();
    }
  }

  @ContractTest
  void releasingALeaseOfAnotherPoolIsRejectedWithoutTouchingEitherPool_PYB2(Variant v)
      throws Exception {
    try (Pool<Res> mine = v.builder(v.allocator()).maxSize(1).build();
        Pool<Res> other = v.builder(v.allocator()).maxSize(1).build()) {
      Lease<Res> foreign = other.acquire();
      Lease<Res> own = mine.acquire();
      PoolStats mineBefore = PoolAsserts.quiet(mine);
      PoolStats otherBefore = PoolAsserts.quiet(other);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> mine.release(foreign));
      assertTrue(e.getMessage().contains(mine.name()), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> mine.release(new FakeLease()));
      assertEquals(mineBefore, PoolAsserts.quiet(mine));
      assertEquals(otherBefore, PoolAsserts.quiet(other));
      assertTrue(foreign.isActive());
      assertTrue(own.isActive());
      assertNull(mine.tryAcquire(), "capacity untouched");
      assertThrows(NullPointerException.class, () -> mine.release(null));
      own.close();
      foreign.close();
    }
  }

  @ContractTest
  void aLeaseIsDeadAfterCloseOrInvalidate_PO5(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(2).build()) {
      Lease<Res> closed = pool.acquire();
      Lease<Res> invalidated = pool.acquire();
      closed.close();
      invalidated.invalidate();
      assertThrows(IllegalStateException.class, closed::get);
      assertThrows(IllegalStateException.class, invalidated::get);
      assertTrue(!closed.isActive() && !invalidated.isActive());
      assertTrue(closed.toString().contains("closed"), closed.toString());
    }
  }

  /** A lease no pool handed out. */
  private static final class FakeLease implements Lease<Res> {
    @Override
    public Res get() {
      return new Res(-1);
    }

    @Override
    public boolean isActive() {
      return true;
    }

    @Override
    public void close() {}

    @Override
    public void invalidate() {}
  }
}
