package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * STYLE 5 / L-3: no virtual thread is pinned to its carrier while it waits in the pool. Records
 * {@code jdk.VirtualThreadPinned} with threshold 0 during a storm of 10,000 virtual threads (and
 * async acquires) contending for 10 objects, and asserts there is none.
 *
 * <p>The sanity test proves the detection works. On JDK 24+ {@code synchronized} no longer pins
 * (JEP 491), so it parks inside a class initializer instead, which pins on every JDK from 21 to 25
 * ("VM call to ...<clinit> on stack"), and it parks there inside the pool's own acquire.
 */
@Timeout(120)
class NoPinningTest {
  private static final String PINNED = "jdk.VirtualThreadPinned";

  /** Runs {@code body} under a recording of pinning events and returns those events. */
  private static List<RecordedEvent> pinnedEventsDuring(ThrowingRunnable body) throws Exception {
    Path file = Files.createTempFile("poolkit-pinning", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
      recording.start();
      body.run();
      recording.stop();
      recording.dump(file);
      List<RecordedEvent> pinned = new ArrayList<>();
      for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
        if (e.getEventType().getName().equals(PINNED)) {
          pinned.add(e);
        }
      }
      return pinned;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void tenThousandVirtualThreadsOnAPoolOfTenAreNeverPinned() throws Exception {
    AtomicInteger served = new AtomicInteger();
    List<RecordedEvent> pinned =
        pinnedEventsDuring(
            () -> {
              try (Pool<Res> pool =
                  Pool.builder(new CheckingAllocator()).name("storm").maxSize(10).build()) {
                List<Thread> threads = new ArrayList<>();
                List<CompletableFuture<?>> async = new ArrayList<>();
                for (int i = 0; i < 10_000; i++) {
                  threads.add(Thread.ofVirtual().start(() -> work(pool, served)));
                  if (i % 10 == 0) {
                    async.add(
                        pool.acquireAsync(Duration.ofMinutes(1))
                            .thenAccept(lease -> {
                              served.incrementAndGet();
                              lease.close();
                            }));
                  }
                }
                for (Thread t : threads) {
                  assertTrue(t.join(Duration.ofSeconds(60)), "a storm thread hung");
                }
                CompletableFuture.allOf(async.toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
              }
            });
    assertEquals(11_000, served.get());
    assertTrue(pinned.isEmpty(), "pinned: " + pinned);
  }

  private static void work(Pool<Res> pool, AtomicInteger served) {
    try (Lease<Res> lease = pool.acquire(Duration.ofMinutes(1))) {
      served.incrementAndGet();
      lease.get().setting = Thread.currentThread().toString();
      Thread.sleep(1); // hold the object so that threads really contend and park
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void theRecordingDoesDetectAPinnedPoolWaiter() throws Exception {
    List<RecordedEvent> pinned =
        pinnedEventsDuring(
            () -> {
              Thread t = Thread.ofVirtual().start(PinnedWaiter::touch);
              assertTrue(t.join(Duration.ofSeconds(30)));
            });
    assertFalse(pinned.isEmpty(), "the recording missed a pinned virtual thread");
    assertTrue(PinnedWaiter.timedOut, "the waiter really waited in the pool");
    String stacks = pinned.toString();
    assertTrue(stacks.contains("dev.poolkit"), "pinned inside the pool's acquire: " + stacks);
  }

  /**
   * Its initializer waits in {@code acquire} on a full pool: a virtual thread parking in a class
   * initializer cannot unmount, so the pool's park pins it.
   */
  private static final class PinnedWaiter {
    static final boolean timedOut;

    static {
      Pool<Res> pool = Pool.builder(new TestAllocator()).name("pinned").maxSize(1).build();
      boolean gotTimeout = false;
      try (Lease<Res> held = pool.acquire()) {
        pool.acquire(Duration.ofMillis(100)).close();
      } catch (PoolTimeoutException e) {
        gotTimeout = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      pool.close();
      timedOut = gotTimeout;
    }

    static void touch() {}
  }
}
