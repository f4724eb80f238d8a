package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A callback may close its lease inside {@code onLease} (AcquireCallback's Javadoc allows it). A
 * long queue of such callbacks is served one after another; that must not nest one release inside
 * the previous callback until the stack overflows.
 */
@Timeout(60)
class CallbackChainTest {

  @Test
  void callbacksThatReleaseInlineAreAllServed() throws Exception {
    int waiters = 20_000;
    try (Pool<Res> pool = Pool.builder(new TestAllocator()).maxSize(1).build()) {
      Lease<Res> held = pool.acquire();
      CountDownLatch served = new CountDownLatch(waiters);
      AtomicInteger failures = new AtomicInteger();
      for (int i = 0; i < waiters; i++) {
        pool.acquireAsync(
            Duration.ofSeconds(30),
            new AcquireCallback<>() {
              @Override
              public void onLease(Lease<Res> lease) {
                lease.close();
                served.countDown();
              }

              @Override
              public void onFailure(Throwable error) {
                failures.incrementAndGet();
              }
            });
      }
      Await.pending(pool, waiters);
      held.close();
      served.await(30, TimeUnit.SECONDS);
      assertEquals(0, served.getCount(), "callbacks not served");
      assertEquals(0, failures.get());
      Await.atRest(pool);
      assertEquals(1, pool.stats().idle());
    }
  }
}
