package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every call into user code treats any Throwable, a checked exception thrown where none is declared
 * included (Kotlin, sneaky throws), as a failure of that call, with capacity accounted for
 * (PO-B4, PY-B3, L-2). Each case left a slot stuck or an object undestroyed before.
 */
@Timeout(60)
class UserCodeThrowsAnythingTest {

  /** A health check that throws a checked exception, undeclared, whenever {@code throwing} is set. */
  static final class SneakyCheck extends TestAllocator {
    volatile boolean throwing;

    @Override
    public boolean isAlive(Res r) {
      if (throwing) {
        throw Sneaky.raise(new IOException("health check broke"));
      }
      return true;
    }
  }

  @Test
  void aCheckedExceptionFromIsAliveOnReleaseDestroysTheObjectAndFreesItsSlot_POB4() throws Exception {
    SneakyCheck alloc = new SneakyCheck();
    try (Pool<Res> pool = Pool.builder(alloc).maxSize(1).build()) {
      Lease<Res> lease = pool.acquire();
      alloc.throwing = true;
      lease.close(); // must not throw, must not strand the slot
      PoolStats s = Await.atRest(pool);
      assertEquals(0, s.allocated(), "the object that failed its check is gone: " + s);
      assertEquals(1, s.dead());
      alloc.throwing = false;
      try (Lease<Res> again = pool.acquire(Duration.ofSeconds(5))) {
        assertNotNull(again.get()); // the capacity came back
      }
      assertEquals(1, alloc.objects.peek().destroyCount.get());
    }
  }

  @Test
  void aCheckedExceptionFromIsAliveBeforeHandingOutAnIdleObjectCountsAsDead_PYB1() throws Exception {
    SneakyCheck alloc = new SneakyCheck();
    try (Pool<Res> pool = Pool.builder(alloc).maxSize(1).build()) {
      pool.acquire().close();
      alloc.throwing = true;
      // The idle object fails its take check; the acquire creates a fresh one instead.
      Lease<Res> lease = pool.acquire(Duration.ofSeconds(5));
      alloc.throwing = false;
      assertEquals(2, lease.get().id);
      lease.close();
      PoolStats s = Await.atRest(pool);
      assertEquals(1, s.allocated(), s.toString());
      assertEquals(1, s.dead());
      assertEquals(1, alloc.all().get(0).destroyCount.get());
    }
  }

  @Test
  void aCheckedExceptionFromOnCreateFailsTheAcquireWithTheCauseAndDestroysTheObject_PY7() throws Exception {
    TestAllocator alloc = new TestAllocator();
    IOException broke = new IOException("customize failed");
    try (Pool<Res> pool =
        Pool.builder(alloc)
            .maxSize(1)
            .onCreate(
                r -> {
                  throw Sneaky.raise(broke);
                })
            .build()) {
      PoolCreateException e = assertThrows(PoolCreateException.class, pool::acquire);
      assertSame(broke, e.getCause());
      alloc.assertEveryObjectDestroyedOnce();
      PoolStats s = Await.atRest(pool);
      assertEquals(0, s.allocated(), s.toString());
      assertEquals(1, s.available());
    }
  }

  @Test
  void aCheckedExceptionFromOnLeaseGivesTheLeaseBackAndNeverReachesTheReleasingThread() throws Exception {
    TestAllocator alloc = new TestAllocator();
    try (Pool<Res> pool = Pool.builder(alloc).maxSize(1).build()) {
      Lease<Res> held = pool.acquire();
      CompletableFuture<Void> called = new CompletableFuture<>();
      pool.acquireAsync(
          Duration.ofSeconds(30),
          new AcquireCallback<>() {
            @Override
            public void onLease(Lease<Res> lease) {
              called.complete(null);
              throw Sneaky.raise(new IOException("callback broke"));
            }

            @Override
            public void onFailure(Throwable error) {
              called.completeExceptionally(error);
            }
          });
      Await.pending(pool, 1);
      held.close(); // hands the object to the callback on this thread: must not throw here
      called.get(10, TimeUnit.SECONDS);
      PoolStats s = Await.atRest(pool);
      assertEquals(1, s.idle(), "the lease the callback dropped came back: " + s);
      try (Lease<Res> again = pool.tryAcquire()) {
        assertNotNull(again);
      }
    }
  }

  @Test
  void aCheckedExceptionFromOnFailureIsLoggedNotPropagated() throws Exception {
    TestAllocator alloc = new TestAllocator();
    Pool<Res> pool = Pool.builder(alloc).maxSize(1).build();
    Lease<Res> held = pool.acquire();
    CompletableFuture<Throwable> seen = new CompletableFuture<>();
    pool.acquireAsync(
        Duration.ofSeconds(30),
        new AcquireCallback<>() {
          @Override
          public void onLease(Lease<Res> lease) {
            lease.close();
          }

          @Override
          public void onFailure(Throwable error) {
            seen.complete(error);
            throw Sneaky.raise(new IOException("failure handler broke"));
          }
        });
    Await.pending(pool, 1);
    pool.close(); // fails the waiter; its handler's exception must not escape into close
    assertInstanceOf(PoolClosedException.class, seen.get(10, TimeUnit.SECONDS));
    held.close();
    assertFalse(held.isActive());
    pool.closeAsync().get(10, TimeUnit.SECONDS);
    alloc.assertEveryObjectDestroyedOnce();
  }
}
