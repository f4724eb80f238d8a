package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** PY-7: a failed creation reaches the caller with its cause and gives the capacity back (L-2). */
@Timeout(60)
class CreateFailureTest {
  private static final IOException REFUSED = new IOException("connection refused");

  @ContractTest
  void aCreateExceptionReachesTheCallerAsCauseAndTheCapacityComesBack_PY7(Variant v)
      throws Exception {
    TestAllocator alloc = v.allocator();
    alloc.beforeCreate = () -> {
      throw REFUSED;
    };
    try (Pool<Res> pool = v.builder(alloc).maxSize(2).build()) {
      PoolCreateException e = assertThrows(PoolCreateException.class, pool::acquire);
      assertSame(REFUSED, e.getCause());
      assertTrue(e.getMessage().contains(pool.name()), e.getMessage());
      assertSame(REFUSED, assertThrows(PoolCreateException.class, pool::tryAcquire).getCause());
      ExecutionException async =
          assertThrows(ExecutionException.class, () -> pool.acquireAsync().get(5, TimeUnit.SECONDS));
      assertInstanceOf(PoolCreateException.class, async.getCause());
      assertSame(REFUSED, async.getCause().getCause());
      CompletableFuture<Throwable> callback = new CompletableFuture<>();
      pool.acquireAsync(Duration.ofSeconds(5), Callbacks.into(callback));
      assertSame(REFUSED, callback.get(5, TimeUnit.SECONDS).getCause());

      PoolStats s = pool.stats();
      assertEquals(4, s.createFailures());
      assertEquals(0, s.allocated(), "every failed creation gave its capacity back");
      alloc.beforeCreate = () -> {};
      PoolAsserts.assertFullCapacity(pool, 2);
    }
  }

  @ContractTest
  void aCreateReturningNullIsACreateFailure(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    alloc.createReturnsNull = true;
    try (Pool<Res> pool = v.builder(alloc).maxSize(1).build()) {
      PoolCreateException e = assertThrows(PoolCreateException.class, pool::acquire);
      assertTrue(e.getMessage().contains("null"), e.getMessage());
      assertEquals(1, pool.stats().createFailures());
      alloc.createReturnsNull = false;
      PoolAsserts.assertFullCapacity(pool, 1);
    }
  }

  @ContractTest
  void anErrorFromCreatePropagatesAndGivesTheCapacityBack(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    AssertionError fatal = new AssertionError("fatal");
    alloc.beforeCreate = () -> {
      throw fatal;
    };
    try (Pool<Res> pool = v.builder(alloc).maxSize(1).build()) {
      assertSame(fatal, assertThrows(AssertionError.class, pool::acquire));
      alloc.beforeCreate = () -> {};
      PoolAsserts.assertFullCapacity(pool, 1);
    }
  }

  @ContractTest
  void aFailedCreationHandsItsCapacityToAWaiter_L2(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    CountDownLatch fail = new CountDownLatch(1);
    alloc.beforeCreateCall(
        1,
        () -> {
          fail.await(10, TimeUnit.SECONDS);
          throw REFUSED;
        });
    try (Pool<Res> pool = v.builder(alloc).maxSize(1).build()) {
      Attempt<Lease<Res>> failing = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30)));
      Await.until("first create under way", () -> alloc.createCalls.get() == 1);
      Attempt<Lease<Res>> waiting = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30)));
      Await.pending(pool, 1);
      fail.countDown();
      assertSame(REFUSED, failing.failure().getCause());
      Lease<Res> lease = waiting.get(); // the waiter retried the creation with the freed capacity
      assertTrue(lease.isActive());
      lease.close();
      assertEquals(2, alloc.createCalls.get());
    }
  }

  @ContractTest
  void onCreateRunsOnceOnEveryNewObjectBeforeItsFirstLease_PO9(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    try (Pool<Res> pool =
        v.builder(alloc).maxSize(3).onCreate(r -> r.setting = "customized-" + r.id).build()) {
      for (int round = 0; round < 3; round++) {
        try (Lease<Res> a = pool.acquire();
            Lease<Res> b = pool.acquire()) {
          assertTrue(a.get().setting.startsWith("customized") || round > 0 && v.checking());
          assertTrue(b.get().setting.startsWith("customized") || round > 0 && v.checking());
        }
      }
      assertEquals(2, alloc.created.get());
      for (Res r : alloc.all()) {
        assertEquals(
            v.checking() ? "default" : "customized-" + r.id,
            r.setting,
            "the hook ran once; a checking allocator's reset reverts it on release");
      }
    }
  }

  @ContractTest
  void anOnCreateHookThatThrowsDestroysTheObjectAndFailsTheAcquire_PO9(Variant v)
      throws Exception {
    TestAllocator alloc = v.allocator();
    IllegalStateException hookFailure = new IllegalStateException("customize failed");
    boolean[] failing = {true};
    try (Pool<Res> pool =
        v.builder(alloc)
            .maxSize(1)
            .onCreate(
                r -> {
                  if (failing[0]) {
                    throw hookFailure;
                  }
                })
            .build()) {
      PoolCreateException e = assertThrows(PoolCreateException.class, pool::acquire);
      assertSame(hookFailure, e.getCause());
      assertEquals(1, alloc.created.get());
      alloc.assertEveryObjectDestroyedOnce();
      failing[0] = false;
      PoolAsserts.assertFullCapacity(pool, 1);
    }
  }
}
