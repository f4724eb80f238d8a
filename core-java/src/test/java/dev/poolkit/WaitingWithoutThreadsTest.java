package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Blocking waiters park their (virtual) thread, which unmounts from its carrier; asynchronous
 * waiters are queue entries that hold no thread at all (DESIGN: the concurrency shape, L-3).
 */
@Timeout(60)
class WaitingWithoutThreadsTest {

  @Test
  void thousandsOfVirtualThreadWaitersParkWithoutHoldingCarriers() throws Exception {
    int waiters = 2_000; // far more than carrier threads (one per core)
    try (Pool<Res> pool = Pool.builder(new TestAllocator()).maxSize(1).build()) {
      Lease<Res> held = pool.acquire();
      AtomicInteger served = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < waiters; i++) {
        threads.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      try (Lease<Res> lease = pool.acquire(Duration.ofSeconds(30))) {
                        served.incrementAndGet();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }));
      }
      // Every waiter could link itself only because the parked ones left their carriers.
      Await.pending(pool, waiters);
      Thread.State state = threads.get(waiters / 2).getState();
      assertTrue(state == Thread.State.TIMED_WAITING || state == Thread.State.WAITING, "" + state);
      Thread other = Thread.ofVirtual().start(() -> {});
      assertTrue(other.join(Duration.ofSeconds(10)), "a virtual thread still gets a carrier");
      held.close();
      for (Thread t : threads) {
        assertTrue(t.join(Await.LONG), "waiter finished");
      }
      assertEquals(waiters, served.get());
      assertEquals(0, pool.stats().pending());
    }
  }

  @Test
  void asyncWaitersHoldNoThreadWhileTheyWait() throws Exception {
    int waiters = 10_000;
    AtomicInteger tasks = new AtomicInteger();
    Executor counting =
        task -> {
          tasks.incrementAndGet();
          Thread.ofVirtual().start(task);
        };
    try (Pool<Res> pool =
        Pool.builder(new TestAllocator()).maxSize(1).asyncExecutor(counting).build()) {
      Lease<Res> held = pool.acquire();
      int platformThreadsBefore = Thread.getAllStackTraces().size();
      List<CompletableFuture<?>> done = new ArrayList<>();
      for (int i = 0; i < waiters; i++) {
        CompletableFuture<Lease<Res>> served = new CompletableFuture<>();
        if (i % 2 == 0) {
          pool.acquireAsync(Duration.ofSeconds(30)).whenComplete(Callbacks.relay(served));
        } else {
          pool.acquireAsync(Duration.ofSeconds(30), Callbacks.completing(served));
        }
        done.add(served.thenAccept(Lease::close));
      }
      Await.pending(pool, waiters);
      assertEquals(0, tasks.get(), "a waiting async acquire ran a task");
      int platformThreads = Thread.getAllStackTraces().size(); // lists platform threads only
      assertTrue(
          platformThreads - platformThreadsBefore < 10,
          "threads grew from " + platformThreadsBefore + " to " + platformThreads);
      held.close();
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      assertEquals(0, pool.stats().pending());
      Await.atRest(pool);
    }
  }
}
