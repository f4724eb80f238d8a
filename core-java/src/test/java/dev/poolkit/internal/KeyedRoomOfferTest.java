package dev.poolkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.poolkit.Allocator;
import dev.poolkit.KeyedPool;
import dev.poolkit.Lease;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Room freed under a keyed pool's global maximum while other keys' only waiters are WOKEN by
 * barging (L-2: every event that frees capacity wakes a waiter; a young woken waiter is already
 * awake and looks for room itself, an old one is handed it). White-box: a waiter is put into the
 * WOKEN state directly, with a thread that never runs, so the state holds for as long as the test
 * needs it (a real woken waiter runs within microseconds and leaves the state, which is why the
 * load test {@code KeyedPoolTest.manyKeysUnderLoadNeverExceedTheGlobalMaximum} hit this only about
 * one run in three).
 */
@Timeout(60)
class KeyedRoomOfferTest {
  private static final Allocator<String> ALLOCATOR = () -> "object";

  private static KeyedSlotPools<String, String> keyed() {
    return (KeyedSlotPools<String, String>)
        KeyedPool.<String, String>builder(key -> ALLOCATOR)
            .name("room")
            .maxSizePerKey(1)
            .maxTotal(1)
            .idlePoolTimeout(Duration.ZERO)
            .build();
  }

  /** Links a waiter whose thread never runs and wakes it, as a release in its pool would. */
  private static BlockingWaiter<String> wokenWaiter(SlotPool<String> pool, long since) {
    BlockingWaiter<String> w = new BlockingWaiter<>(new Thread(() -> {}), since);
    assertSame(WaitQueue.Admission.LINKED, pool.queue.enqueue(w, Integer.MAX_VALUE));
    assertEquals(WaitQueue.WOKE, pool.queue.wakeFirst(), "woken while inside the barging window");
    assertEquals(Waiter.WOKEN, w.state);
    return w;
  }

  @Test
  void roomFreedWhileOtherKeysOnlyHaveYoungWokenWaitersStaysFree_L2() throws Exception {
    try (KeyedSlotPools<String, String> pool = keyed()) {
      Lease<String> held = pool.acquire("a");
      // Two more keys with room of their own but none under the global maximum, each with only a
      // young woken waiter (young for a minute: it races for objects and room itself).
      long young = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      assertNull(pool.tryAcquire("b"));
      assertNull(pool.tryAcquire("c"));
      SlotPool<String> b = pool.pool("b");
      SlotPool<String> c = pool.pool("c");
      BlockingWaiter<String> wb = wokenWaiter(b, young);
      BlockingWaiter<String> wc = wokenWaiter(c, young);

      // Frees the global room. Before the fix "b" and "c" offered it to each other for ever
      // (offerRoom claimed it, handTo skipped the young woken waiter, gate.release offered it on),
      // until the stack overflowed.
      held.invalidate();

      assertEquals(Waiter.WOKEN, wb.state, "a young woken waiter is not handed room");
      assertEquals(Waiter.WOKEN, wc.state, "a young woken waiter is not handed room");
      assertEquals(0, pool.stats().allocated(), "the room is free, no slot kept it");
      assertEquals(0, pool.stats().creating());

      // The woken waiters look for room themselves; the room is there to be found.
      assertEquals(Waiter.WOKEN, wb.tryLeave());
      b.queue.remove(wb);
      assertEquals(Waiter.WOKEN, wc.tryLeave());
      c.queue.remove(wc);
      try (Lease<String> lease = pool.tryAcquire("b")) {
        assertNotNull(lease, "the freed room is usable");
      }
    }
  }
}
