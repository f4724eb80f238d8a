package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** What {@code close()} does to acquires, waiters, idle and leased objects (PY-3, PY-9, PY-11, PO-10). */
@Timeout(60)
class CloseContractTest {

  private static void assertClosedAtOnce(Pool<Res> pool, Executable call) {
    long start = System.nanoTime();
    PoolClosedException e = assertThrows(PoolClosedException.class, call);
    assertTrue(e.getMessage().contains("pool is closed"), e.getMessage());
    assertTrue(e.getMessage().contains(pool.name()), e.getMessage());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "did not fail at once");
  }

  @ContractTest
  void everyAcquireAfterCloseFailsAtOnce_PY3(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    Pool<Res> pool = v.builder(alloc).maxSize(2).build();
    pool.close();
    assertClosedAtOnce(pool, pool::acquire);
    assertClosedAtOnce(pool, () -> pool.acquire(Duration.ofSeconds(30)));
    assertClosedAtOnce(pool, () -> pool.acquire(Duration.ZERO));
    assertClosedAtOnce(pool, pool::tryAcquire);
    assertClosedAtOnce(pool, () -> pool.withLease(r -> r));
    assertClosedAtOnce(pool, () -> unwrap(pool.acquireAsync()));
    assertClosedAtOnce(pool, () -> unwrap(pool.acquireAsync(Duration.ofSeconds(30))));
    CompletableFuture<Throwable> callback = new CompletableFuture<>();
    pool.acquireAsync(Duration.ofSeconds(30), Callbacks.into(callback));
    assertInstanceOf(PoolClosedException.class, callback.get(5, TimeUnit.SECONDS));
    assertEquals(0, alloc.createCalls.get(), "nothing is created for a closed pool");
  }

  /**
   * Waits until every object is destroyed. close() destroys idle objects on its own thread, except
   * one that housekeeping is health-checking at that moment: housekeeping destroys that one as soon
   * as its check ends (checking variants only).
   */
  private static void settle(Pool<Res> pool) throws Exception {
    pool.closeAsync().get(10, TimeUnit.SECONDS);
  }

  private static void unwrap(CompletableFuture<Lease<Res>> f) throws Throwable {
    try {
      f.get(5, TimeUnit.SECONDS).close();
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }

  @ContractTest
  void closeIsIdempotent_PY11_PO10(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    Pool<Res> pool = v.builder(alloc).maxSize(3).build();
    pool.acquire().close();
    assertFalse(pool.isClosed());
    pool.close();
    settle(pool);
    PoolStats once = pool.stats();
    pool.close();
    assertTrue(pool.close(Duration.ofSeconds(1)));
    pool.closeAsync().get(5, TimeUnit.SECONDS);
    assertTrue(pool.isClosed());
    assertEquals(once, pool.stats(), "closing again changes nothing");
    assertTrue(once.closed());
    alloc.assertEveryObjectDestroyedOnce();
  }

  @ContractTest
  void closeDestroysEveryIdleObjectBeforeItReturns_PY11_PO10(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    Pool<Res> pool = v.builder(alloc).maxSize(3).build();
    List<Lease<Res>> leases = List.of(pool.acquire(), pool.acquire(), pool.acquire());
    leases.forEach(Lease::close);
    assertEquals(0, alloc.destroyed.get());
    pool.close();
    settle(pool);
    alloc.assertEveryObjectDestroyedOnce();
    PoolStats s = pool.stats();
    assertEquals(0, s.allocated());
    assertEquals(0, s.idle());
    assertEquals(3, s.destroyed());
  }

  @ContractTest
  void leasedObjectsAreDestroyedWhenTheyComeBack_PY9_PY11(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    Pool<Res> pool = v.builder(alloc).maxSize(3).build();
    Lease<Res> a = pool.acquire();
    Lease<Res> b = pool.acquire();
    pool.acquire().close();
    pool.close();
    Await.until("the idle one destroyed", () -> alloc.destroyed.get() == 1);
    assertSame(a.get(), a.get(), "a lease stays usable until it is returned");
    assertEquals(2, pool.stats().inUse());
    Res objectOfA = a.get();
    a.close();
    assertEquals(1, objectOfA.destroyCount.get(), "PY-9: returned to a closed pool = destroyed");
    b.close();
    settle(pool);
    alloc.assertEveryObjectDestroyedOnce();
    PoolStats s = pool.stats();
    PoolAsserts.assertAtRest(s);
    assertEquals(0, s.allocated(), "stats show nothing allocated once everything is back");
  }

  @ContractTest
  void availableIsZeroOnceClosed_PO2(Variant v) throws Exception {
    Pool<Res> pool = v.builder(v.allocator()).maxSize(3).build();
    Lease<Res> lease = pool.acquire();
    assertEquals(2, pool.stats().available());
    pool.close();
    assertEquals(0, pool.stats().available());
    lease.close();
    PoolStats s = pool.stats();
    assertEquals(0, s.available());
    assertEquals(3, s.capacity());
  }

  @ContractTest
  void everyWaiterFailsAtOnceWhenThePoolCloses_PYB4(Variant v) throws Exception {
    Pool<Res> pool = v.builder(v.allocator()).maxSize(1).build();
    Lease<Res> held = pool.acquire();
    List<Attempt<Lease<Res>>> blocking = new ArrayList<>();
    List<CompletableFuture<Lease<Res>>> futures = new ArrayList<>();
    List<CompletableFuture<Throwable>> callbacks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      blocking.add(Attempt.start(() -> pool.acquire(Duration.ofMinutes(5))));
      futures.add(pool.acquireAsync(Duration.ofMinutes(5)));
      futures.add(pool.acquireAsync()); // the default 30 s timeout
      CompletableFuture<Throwable> callback = new CompletableFuture<>();
      pool.acquireAsync(Duration.ofMinutes(5), Callbacks.into(callback));
      callbacks.add(callback);
    }
    Await.pending(pool, 12);
    pool.close();
    for (Attempt<Lease<Res>> a : blocking) {
      assertInstanceOf(PoolClosedException.class, a.failure(Duration.ofSeconds(5)));
    }
    for (CompletableFuture<Lease<Res>> f : futures) {
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
      assertInstanceOf(PoolClosedException.class, e.getCause());
    }
    for (CompletableFuture<Throwable> c : callbacks) {
      assertInstanceOf(PoolClosedException.class, c.get(5, TimeUnit.SECONDS));
    }
    assertEquals(0, pool.stats().pending());
    assertTrue(held.isActive());
    held.close();
    assertEquals(0, pool.stats().allocated());
  }

  @ContractTest
  void invalidatingALeaseOfAClosedPoolDestroysItsObject(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    Pool<Res> pool = v.builder(alloc).maxSize(1).build();
    Lease<Res> lease = pool.acquire();
    pool.close();
    lease.invalidate();
    alloc.assertEveryObjectDestroyedOnce();
    assertEquals(0, pool.stats().allocated());
  }
}
