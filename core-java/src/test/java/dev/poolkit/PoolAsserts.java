package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Assertions about a whole pool. */
final class PoolAsserts {
  private PoolAsserts() {}

  /**
   * A snapshot with nothing in progress ({@code creating == 0}). With a health-checking allocator
   * housekeeping may hold an idle object for a moment to check it, which shows as "creating"; gauges
   * are compared in a snapshot taken outside such a moment.
   */
  static PoolStats quiet(Pool<?> pool) {
    PoolStats[] last = new PoolStats[1];
    Await.until("a snapshot with nothing in progress", () -> (last[0] = pool.stats()).creating() == 0);
    return last[0];
  }

  /**
   * No capacity was lost or invented: once the pool is at rest, exactly {@code capacity} leases of
   * distinct objects can be taken, and not one more. Gives them back afterwards. (It acquires with a
   * timeout rather than tryAcquire: housekeeping may hold an idle object for a moment; a lost permit
   * still fails, by timing out.)
   */
  static void assertFullCapacity(Pool<Res> pool, int capacity) throws InterruptedException {
    Await.atRest(pool);
    List<Lease<Res>> all = new ArrayList<>();
    Set<Res> objects = new HashSet<>();
    for (int i = 0; i < capacity; i++) {
      Lease<Res> lease;
      try {
        lease = pool.acquire(Duration.ofSeconds(5));
      } catch (PoolTimeoutException e) {
        lease = null;
      }
      assertNotNull(lease, "capacity lost: only " + i + " of " + capacity + " acquirable");
      all.add(lease);
      objects.add(lease.get());
    }
    assertNull(pool.tryAcquire(), "capacity above maxSize");
    assertEquals(capacity, objects.size(), "one object leased twice");
    PoolStats s = pool.stats();
    assertEquals(capacity, s.inUse());
    assertConsistent(s);
    all.forEach(Lease::close);
  }

  /** PO-2: allocated == inUse + idle (+ creating), and the other gauges fit. */
  static void assertConsistent(PoolStats s) {
    assertEquals(s.allocated(), s.inUse() + s.idle() + s.creating(), "PO-2 invariant: " + s);
    assertTrue(s.allocated() <= s.capacity(), "PY-2: allocated above capacity: " + s);
    assertEquals(s.closed() ? 0 : s.capacity() - s.inUse(), s.available(), "available: " + s);
  }

  /** At rest: nothing in flight, and CH-5's allocated == created - destroyed. */
  static void assertAtRest(PoolStats s) {
    assertConsistent(s);
    assertEquals(0, s.creating(), "creating at rest: " + s);
    assertEquals(0, s.pending(), "pending at rest: " + s);
    assertEquals(s.allocated(), s.created() - s.destroyed(), "CH-5 at rest: " + s);
  }
}
