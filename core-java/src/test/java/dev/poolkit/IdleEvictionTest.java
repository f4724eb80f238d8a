package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** PO-8: housekeeping destroys objects idle longer than idleTimeout while more than minIdle exist. */
@Timeout(60)
class IdleEvictionTest {
  private static final Duration IDLE = Duration.ofMillis(100);

  private final TestAllocator alloc = new TestAllocator();

  private static List<Lease<Res>> acquireAll(Pool<Res> pool, int n) throws InterruptedException {
    List<Lease<Res>> leases = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leases.add(pool.acquire());
    }
    return leases;
  }

  @Test
  void idleObjectsAboveMinIdleAreEvicted_PO8() throws Exception {
    try (Pool<Res> pool = Pool.builder(alloc).maxSize(4).minIdle(1).idleTimeout(IDLE).build()) {
      acquireAll(pool, 4).forEach(Lease::close);
      Await.until("evicted down to minIdle", () -> pool.stats().allocated(), 1);
      PoolStats s = pool.stats();
      assertEquals(3, s.expired(), "CH-5: evictions count as expired");
      assertEquals(3, s.destroyed());
      assertEquals(1, s.idle());
      assertEquals(3, alloc.destroyed.get());
      PoolAsserts.assertAtRest(s);
    }
  }

  @Test
  void evictionNeverGoesBelowMinIdle_PO8() throws Exception {
    try (Pool<Res> pool =
        Pool.builder(alloc).maxSize(4).minIdle(2).idleTimeout(IDLE).prefill(true).build()) {
      acquireAll(pool, 4).forEach(Lease::close);
      Await.until("evicted down to minIdle", () -> pool.stats().allocated(), 2);
      int passes = 10; // ten idle timeouts more
      Thread.sleep(IDLE.toMillis() * passes);
      assertEquals(2, pool.stats().allocated());
      assertEquals(2, alloc.destroyed.get());
    }
  }

  @Test
  void aLeasedObjectIsNeverEvicted_PO8() throws Exception {
    try (Pool<Res> pool = Pool.builder(alloc).maxSize(2).idleTimeout(IDLE).build()) {
      List<Lease<Res>> leases = acquireAll(pool, 2);
      Lease<Res> kept = leases.get(0);
      Res keptObject = kept.get();
      leases.get(1).close();
      Await.until("the idle one evicted", () -> alloc.destroyed.get() == 1);
      Thread.sleep(IDLE.toMillis() * 3);
      assertTrue(kept.isActive());
      assertEquals(0, keptObject.destroyCount.get());
      kept.close();
      Await.until("evicted once idle", () -> keptObject.destroyed());
      // destroy runs before the slot is published empty
      Await.until("its slot freed", () -> pool.stats().allocated(), 0);
    }
  }

  @Test
  void anObjectReusedAllTheTimeIsNotEvicted_PO8() throws Exception {
    // A longer timeout than the other tests: the loop must never stall for a whole timeout (a
    // descheduled or throttled test thread would otherwise make the object idle for real).
    Duration idle = Duration.ofSeconds(1);
    try (Pool<Res> pool = Pool.builder(alloc).maxSize(1).idleTimeout(idle).build()) {
      long end = System.nanoTime() + idle.multipliedBy(3).toNanos();
      while (System.nanoTime() < end) {
        pool.acquire().close();
        Thread.sleep(1);
      }
      assertEquals(0, alloc.destroyed.get(), "evicted although idle far less than idleTimeout");
      assertEquals(1, alloc.created.get());
    }
  }

  @Test
  void aZeroIdleTimeoutTurnsEvictionOff() throws Exception {
    try (Pool<Res> pool =
        Pool.builder(alloc)
            .maxSize(2)
            .idleTimeout(Duration.ZERO)
            .housekeepingInterval(Duration.ofMillis(10))
            .build()) {
      acquireAll(pool, 2).forEach(Lease::close);
      Thread.sleep(300);
      assertEquals(2, pool.stats().idle());
      assertEquals(0, alloc.destroyed.get());
    }
  }
}
