package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An async acquire's deadline holds whatever user code does: a timeout is decided on the pool's
 * timer but its future is completed (and its callback called) elsewhere, so a dependent stage that
 * blocks cannot hold back another pool's deadlines (CH-B1 for async acquires).
 */
@Timeout(60)
class AsyncDeadlineIsolationTest {

  @Test
  void aBlockingDependentStageOfOnePoolDoesNotDelayAnotherPoolsTimeout_CHB1() throws Exception {
    CountDownLatch unblock = new CountDownLatch(1);
    try (Pool<Res> slow = Pool.builder(new TestAllocator()).name("slow").maxSize(1).build();
        Pool<Res> other = Pool.builder(new TestAllocator()).name("other").maxSize(1).build();
        Lease<Res> heldSlow = slow.acquire();
        Lease<Res> heldOther = other.acquire()) {
      CountDownLatch stageRunning = new CountDownLatch(1);
      slow.acquireAsync(Duration.ofMillis(20))
          .whenComplete(
              (lease, error) -> {
                stageRunning.countDown();
                awaitQuietly(unblock); // a stage that blocks, on whatever thread completes it
              });
      assertTrue(stageRunning.await(10, TimeUnit.SECONDS), "the slow pool's stage ran");
      CompletableFuture<Lease<Res>> f = other.acquireAsync(Duration.ofMillis(50));
      ExecutionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
      assertInstanceOf(PoolTimeoutException.class, e.getCause());
    } finally {
      unblock.countDown();
    }
  }

  @Test
  void aBlockingFailureCallbackOfOnePoolDoesNotDelayAnotherPoolsTimeout_CHB1() throws Exception {
    CountDownLatch unblock = new CountDownLatch(1);
    try (Pool<Res> slow = Pool.builder(new TestAllocator()).name("slow").maxSize(1).build();
        Pool<Res> other = Pool.builder(new TestAllocator()).name("other").maxSize(1).build();
        Lease<Res> heldSlow = slow.acquire();
        Lease<Res> heldOther = other.acquire()) {
      CountDownLatch callbackRunning = new CountDownLatch(1);
      slow.acquireAsync(
          Duration.ofMillis(20),
          new AcquireCallback<>() {
            @Override
            public void onLease(Lease<Res> lease) {
              lease.close();
            }

            @Override
            public void onFailure(Throwable error) {
              callbackRunning.countDown();
              awaitQuietly(unblock);
            }
          });
      assertTrue(callbackRunning.await(10, TimeUnit.SECONDS), "the slow pool's callback ran");
      CompletableFuture<Throwable> failure = new CompletableFuture<>();
      other.acquireAsync(Duration.ofMillis(50), Callbacks.into(failure));
      assertInstanceOf(PoolTimeoutException.class, failure.get(10, TimeUnit.SECONDS));
    } finally {
      unblock.countDown();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
