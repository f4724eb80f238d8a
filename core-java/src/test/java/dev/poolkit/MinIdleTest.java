package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** minIdle: background refill, prefill at build, back-off after failures (L-4). */
@Timeout(60)
class MinIdleTest {
  private final TestAllocator alloc = new TestAllocator();

  @Test
  void housekeepingCreatesMinIdleObjectsInTheBackground() throws Exception {
    try (Pool<Res> pool = Pool.builder(alloc).maxSize(5).minIdle(3).build()) {
      Await.until("refilled to minIdle", () -> pool.stats().idle(), 3);
      assertEquals(3, alloc.created.get());
      PoolAsserts.assertAtRest(pool.stats());
    }
  }

  @Test
  void housekeepingRefillsAfterAnObjectIsDestroyed() throws Exception {
    try (Pool<Res> pool =
        Pool.builder(alloc)
            .maxSize(5)
            .minIdle(2)
            .prefill(true)
            .housekeepingInterval(Duration.ofMillis(10))
            .build()) {
      pool.acquire().invalidate();
      // allocated counts a slot claimed for the refill before its create returns: wait for the object
      Await.until("refilled", () -> alloc.created.get(), 3);
      assertEquals(2, PoolAsserts.quiet(pool).allocated());
    }
  }

  @Test
  void prefillCreatesMinIdleBeforeBuildReturns() {
    try (Pool<Res> pool = Pool.builder(alloc).maxSize(5).minIdle(3).prefill(true).build()) {
      PoolStats s = pool.stats();
      assertEquals(3, s.allocated());
      assertEquals(3, s.idle());
      assertEquals(3, s.created());
    }
  }

  @Test
  void aFailingPrefillFailsTheBuildAndLeavesNothingBehind() throws Exception {
    IOException refused = new IOException("refused");
    alloc.beforeCreateCall(
        2,
        () -> {
          throw refused;
        });
    PoolCreateException e =
        assertThrows(
            PoolCreateException.class,
            () ->
                Pool.builder(alloc)
                    .maxSize(5)
                    .minIdle(3)
                    .prefill(true)
                    .housekeepingInterval(Duration.ofMillis(10))
                    .build());
    assertSame(refused, e.getCause());
    alloc.assertEveryObjectDestroyedOnce();
    int calls = alloc.createCalls.get();
    Thread.sleep(200);
    assertEquals(calls, alloc.createCalls.get(), "no housekeeping runs for a pool that failed");
  }

  @Test
  void refillBacksOffAfterCreationFailures_L4() throws Exception {
    alloc.beforeCreate =
        () -> {
          throw new IOException("down");
        };
    try (Pool<Res> pool =
        Pool.builder(alloc)
            .maxSize(2)
            .minIdle(2)
            .housekeepingInterval(Duration.ofMillis(10))
            .build()) {
      Thread.sleep(1_500);
      int attempts = alloc.createCalls.get();
      // Without back-off: one attempt per 10 ms pass, about 150. With it (doubling): under 10.
      assertTrue(attempts >= 1 && attempts <= 30, attempts + " creation attempts in 1.5 s");
      // An attempt counts its call on entry and its failure after the throw.
      Await.until("failures counted", () -> pool.stats().createFailures() == alloc.createCalls.get());
      assertEquals(0, pool.stats().allocated());
    }
  }
}
