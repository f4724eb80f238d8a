package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Timeout;

/** The basic lease cycle, for every reuse order and both release paths. */
@Timeout(60)
class AcquireReleaseContractTest {

  @ContractTest
  void acquirePrefersAnIdleObjectOverCreatingOne_PY4(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    try (Pool<Res> pool = v.builder(alloc).maxSize(3).build()) {
      Lease<Res> first = pool.acquire();
      Res object = first.get();
      first.close();
      try (Lease<Res> second = pool.acquire()) {
        assertSame(object, second.get());
      }
      assertEquals(1, alloc.createCalls.get());
      assertEquals(1, pool.stats().reused());
    }
  }

  @ContractTest
  void acquireCreatesWhenNothingIsIdleAndThereIsRoom_PY5(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    try (Pool<Res> pool = v.builder(alloc).maxSize(3).build()) {
      Set<Res> seen = new HashSet<>();
      List<Lease<Res>> held = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Lease<Res> lease = pool.acquire();
        held.add(lease);
        seen.add(lease.get());
      }
      assertEquals(3, seen.size());
      assertEquals(3, alloc.created.get());
      held.forEach(Lease::close);
    }
  }

  @ContractTest
  void maxSizeBoundsEveryObjectIncludingThoseBeingCreated_PY2(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    CountDownLatch createMayFinish = new CountDownLatch(1);
    alloc.beforeCreate = createMayFinish::await;
    try (Pool<Res> pool = v.builder(alloc).maxSize(3).build()) {
      List<Attempt<Lease<Res>>> attempts = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        attempts.add(Attempt.start(() -> pool.acquire(Duration.ofSeconds(30))));
      }
      Await.until("three creates under way", () -> alloc.createCalls.get() == 3);
      Await.pending(pool, 2);
      assertEquals(3, alloc.createCalls.get(), "a fourth create would exceed maxSize");
      assertEquals(3, pool.stats().allocated(), "objects being created count as allocated");
      createMayFinish.countDown();
      for (int served = 0; served < 5; served++) {
        Lease<Res> lease = firstDone(attempts);
        assertTrue(pool.stats().allocated() <= 3);
        lease.close();
      }
      assertEquals(3, alloc.created.get());
    }
  }

  private static Lease<Res> firstDone(List<Attempt<Lease<Res>>> attempts) throws Exception {
    Await.until("an attempt finished", () -> attempts.stream().anyMatch(Attempt::isDone));
    Attempt<Lease<Res>> done = attempts.stream().filter(Attempt::isDone).findFirst().orElseThrow();
    attempts.remove(done);
    return done.get();
  }

  @ContractTest
  void tryAcquireReturnsNullWhenFullAndNeverWaits(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(2).build()) {
      Lease<Res> a = pool.tryAcquire();
      Lease<Res> b = pool.tryAcquire();
      assertTrue(a != null && b != null);
      Res first = a.get();
      assertNull(pool.tryAcquire());
      assertEquals(0, pool.stats().pending());
      a.close();
      Lease<Res> c = pool.acquire(Duration.ofSeconds(5)); // housekeeping may hold it a moment
      assertSame(first, c.get());
      c.close();
      b.close();
    }
  }

  @ContractTest
  void releaseMakesTheObjectIdleAndWakesExactlyOneWaiter_PY8(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    try (Pool<Res> pool = v.builder(alloc).maxSize(1).build()) {
      Lease<Res> held = pool.acquire();
      Res object = held.get();
      Attempt<Lease<Res>> first = Attempt.start(pool::acquire);
      Await.pending(pool, 1);
      Attempt<Lease<Res>> second = Attempt.start(pool::acquire);
      Await.pending(pool, 2);
      held.close();
      Lease<Res> got = first.get();
      assertSame(object, got.get(), "the released object is handed over, not a new one");
      assertEquals(1, pool.stats().pending(), "one release wakes one waiter");
      assertFalse(second.isDone());
      got.close();
      second.get().close();
      assertEquals(1, alloc.created.get());
      PoolStats s = PoolAsserts.quiet(pool);
      assertEquals(1, s.idle());
      assertEquals(0, s.inUse());
    }
  }

  @ContractTest
  void closingTheLeaseReturnsTheObject_PO5(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(2).build()) {
      Lease<Res> lease = pool.acquire();
      PoolStats before = PoolAsserts.quiet(pool);
      assertEquals(1, before.inUse());
      assertEquals(0, before.idle());
      lease.close();
      PoolStats after = PoolAsserts.quiet(pool);
      assertEquals(0, after.inUse());
      assertEquals(1, after.idle());
      assertEquals(1, after.allocated());
    }
  }

  @ContractTest
  void aClosedLeaseCannotBeUsedAndClosingItAgainDoesNothing_PO5(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(2).build()) {
      Lease<Res> lease = pool.acquire();
      assertTrue(lease.isActive());
      lease.close();
      assertFalse(lease.isActive());
      IllegalStateException e = assertThrows(IllegalStateException.class, lease::get);
      assertTrue(e.getMessage().contains(pool.name()), e.getMessage());
      PoolStats before = PoolAsserts.quiet(pool);
      lease.close();
      lease.invalidate();
      assertEquals(before, PoolAsserts.quiet(pool), "a dead lease changes nothing");
    }
  }

  @ContractTest
  void aLeaseStaysDeadWhenItsObjectIsLeasedAgain_PO5(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(1).build()) {
      Lease<Res> old = pool.acquire();
      Res object = old.get();
      old.close();
      Lease<Res> current = pool.acquire();
      assertSame(object, current.get());
      assertThrows(IllegalStateException.class, old::get);
      old.close(); // must not release the current holder's object
      assertTrue(current.isActive());
      assertNull(pool.tryAcquire(), "the object is still leased to the current holder");
      current.close();
    }
  }

  @ContractTest
  void tryWithResourcesReturnsTheObjectAndWakesAWaiter_CH4(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(1).build()) {
      Attempt<Lease<Res>> waiter;
      try (Lease<Res> lease = pool.acquire()) {
        waiter = Attempt.start(pool::acquire);
        Await.pending(pool, 1);
        assertTrue(lease.isActive());
      }
      Lease<Res> handed = waiter.get();
      assertTrue(handed.isActive());
      handed.close();
      assertEquals(0, pool.stats().inUse());
    }
  }

  @ContractTest
  void withLeaseReturnsTheBodysResultAndReleases_PY10(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(1).build()) {
      int id = pool.withLease(r -> r.id);
      assertEquals(1, id);
      assertEquals("x", pool.withLease(Duration.ofSeconds(1), r -> "x"));
      assertEquals(0, pool.stats().inUse());
      assertEquals(1, PoolAsserts.quiet(pool).idle());
    }
  }

  @ContractTest
  void withLeaseReleasesAlsoWhenTheBodyThrows_PY10(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(1).build()) {
      IOException boom = new IOException("body failed");
      IOException thrown =
          assertThrows(
              IOException.class,
              () ->
                  pool.withLease(
                      r -> {
                        throw boom;
                      }));
      assertSame(boom, thrown);
      RuntimeException unchecked = new IllegalStateException("unchecked");
      assertSame(
          unchecked,
          assertThrows(
              IllegalStateException.class,
              () ->
                  pool.withLease(
                      Duration.ofSeconds(1),
                      r -> {
                        throw unchecked;
                      })));
      assertEquals(0, pool.stats().inUse());
      assertEquals(1, PoolAsserts.quiet(pool).idle());
      assertTrue(pool.acquire(Duration.ofSeconds(5)).isActive(), "the object came back");
    }
  }

  @ContractTest
  void poolReleaseIsLeaseClose(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(1).build()) {
      Lease<Res> lease = pool.acquire();
      pool.release(lease);
      assertFalse(lease.isActive());
      assertEquals(1, PoolAsserts.quiet(pool).idle());
      pool.release(lease); // PY-B2: twice is a no-op
      assertEquals(1, PoolAsserts.quiet(pool).idle());
      assertEquals(0, pool.stats().inUse());
    }
  }

  @ContractTest
  void acquireWithTimeoutGetsAnObjectReleasedBeforeTheDeadline_CH2(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(1).build()) {
      Lease<Res> held = pool.acquire();
      Attempt<Lease<Res>> waiter = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30)));
      Await.pending(pool, 1);
      held.close();
      try (Lease<Res> lease = waiter.get()) {
        assertTrue(lease.isActive());
      }
    }
  }

  @ContractTest
  void releasedObjectsStayIdleWhileOthersAreLeased_CHB5(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    try (Pool<Res> pool = v.builder(alloc).maxSize(4).build()) {
      List<Lease<Res>> held = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        held.add(pool.acquire());
      }
      Res back = held.get(0).get();
      held.get(0).close();
      assertEquals(1, PoolAsserts.quiet(pool).idle(), "kept although three others are leased");
      assertEquals(0, alloc.destroyed.get());
      try (Lease<Res> again = pool.acquire()) {
        assertSame(back, again.get());
      }
      held.subList(1, 4).forEach(Lease::close);
      assertEquals(4, PoolAsserts.quiet(pool).idle());
      assertEquals(0, alloc.destroyed.get());
    }
  }
}
