package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;

/** PO-10: graceful close waits for leases up to a deadline, then forces; closeAsync waits for all. */
@Timeout(60)
class GracefulCloseTest {

  @ContractTest
  void closeWithGraceReturnsTrueWhenTheLeasesComeBackInTime_PO10(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    Pool<Res> pool = v.builder(alloc).maxSize(2).build();
    Lease<Res> lease = pool.acquire();
    pool.acquire().close();
    Attempt<Boolean> closing = Attempt.start(() -> pool.close(Duration.ofSeconds(30)));
    Await.until("the idle object destroyed at once", () -> alloc.destroyed.get() == 1);
    assertFalse(closing.isDone(), "waits for the lease");
    lease.close();
    assertTrue(closing.get());
    alloc.assertEveryObjectDestroyedOnce();
    assertEquals(0, pool.stats().allocated());
  }

  @ContractTest
  void closeWithGraceWithoutLeasesReturnsTrueAtOnce_PO10(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    Pool<Res> pool = v.builder(alloc).maxSize(2).build();
    pool.acquire().close();
    assertTrue(pool.close(Duration.ofSeconds(30)));
    alloc.assertEveryObjectDestroyedOnce();
  }

  @ContractTest
  void closeWithGraceForcesLeasesStillOutAtTheDeadline_PO10(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    Pool<Res> pool = v.builder(alloc).maxSize(2).build();
    Lease<Res> forced = pool.acquire();
    Res object = forced.get();
    assertFalse(pool.close(Duration.ofMillis(100)));
    assertEquals(1, object.destroyCount.get(), "a forced lease's object is destroyed");
    assertFalse(forced.isActive());
    assertThrows(IllegalStateException.class, forced::get);
    PoolStats after = PoolAsserts.quiet(pool);
    forced.close(); // a no-op: the object is gone already
    forced.invalidate();
    assertEquals(after, PoolAsserts.quiet(pool));
    alloc.assertEveryObjectDestroyedOnce();
    PoolAsserts.assertAtRest(after);
    assertEquals(0, after.allocated());
    pool.closeAsync().get(5, TimeUnit.SECONDS);
  }

  @ContractTest
  void interruptingAGracefulCloseStopsWaitingButForcesNothing(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    Pool<Res> pool = v.builder(alloc).maxSize(1).build();
    Lease<Res> lease = pool.acquire();
    Attempt<String> closing =
        Attempt.start(
            () -> pool.close(Duration.ofMinutes(5)) + " " + Thread.currentThread().isInterrupted());
    Await.until("closed", pool::isClosed);
    closing.thread.interrupt();
    assertEquals("false true", closing.get(), "returns false and keeps the interrupt status");
    assertTrue(lease.isActive(), "nothing was forced");
    assertTrue(pool.isClosed());
    lease.close();
    alloc.assertEveryObjectDestroyedOnce();
  }

  @ContractTest
  void closeAsyncCompletesOnlyAfterTheLastLeaseIsDestroyed_PO10(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    Pool<Res> pool = v.builder(alloc).maxSize(3).build();
    Lease<Res> a = pool.acquire();
    Lease<Res> b = pool.acquire();
    pool.acquire().close();
    AtomicInteger destroyedAtCompletion = new AtomicInteger(-1);
    CompletableFuture<Void> closed = pool.closeAsync();
    CompletableFuture<Void> observed =
        closed.thenRun(() -> destroyedAtCompletion.set(alloc.destroyed.get()));
    assertTrue(pool.isClosed());
    assertFalse(closed.isDone());
    a.close();
    assertFalse(closed.isDone(), "one lease is still out");
    b.close();
    observed.get(5, TimeUnit.SECONDS);
    assertEquals(3, destroyedAtCompletion.get(), "completed before every object was destroyed");
    alloc.assertEveryObjectDestroyedOnce();
  }

  @ContractTest
  void closeAsyncOfAnEmptyPoolIsDoneAtOnce(Variant v) throws Exception {
    Pool<Res> pool = v.builder(v.allocator()).maxSize(3).build();
    pool.closeAsync().get(5, TimeUnit.SECONDS);
  }
}
