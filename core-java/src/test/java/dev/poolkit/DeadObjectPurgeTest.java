package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** PO-4 / PO-B5: housekeeping finds dead idle objects and destroys them (not just drops them). */
@Timeout(60)
class DeadObjectPurgeTest {
  private final CheckingAllocator alloc = new CheckingAllocator();

  @Test
  void deadIdleObjectsArePurgedAndDestroyedByHousekeeping_PO4_POB5() throws Exception {
    try (Pool<Res> pool =
        Pool.builder(alloc).maxSize(3).housekeepingInterval(Duration.ofMillis(10)).build()) {
      List<Lease<Res>> leases = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        leases.add(pool.acquire());
      }
      List<Res> objects = leases.stream().map(Lease::get).toList();
      leases.forEach(Lease::close);
      objects.get(0).alive = false;
      objects.get(2).alive = false;
      Await.until("dead objects destroyed", () -> pool.stats().allocated(), 1);
      assertEquals(1, objects.get(0).destroyCount.get());
      assertEquals(1, objects.get(2).destroyCount.get());
      assertEquals(0, objects.get(1).destroyCount.get());
      PoolStats s = PoolAsserts.quiet(pool); // housekeeping health-checks the survivor every 10 ms
      assertEquals(2, s.dead());
      assertEquals(1, s.idle());
      PoolAsserts.assertAtRest(s);
    }
  }

  @Test
  void purgedObjectsAreReplacedUpToMinIdle_PO4() throws Exception {
    try (Pool<Res> pool =
        Pool.builder(alloc)
            .maxSize(3)
            .minIdle(2)
            .prefill(true)
            .housekeepingInterval(Duration.ofMillis(10))
            .build()) {
      alloc.all().forEach(r -> r.alive = false);
      Await.until("both replaced", () -> alloc.destroyed.get() == 2 && pool.stats().idle() == 2);
      assertEquals(4, alloc.created.get());
      assertTrue(pool.stats().dead() >= 2);
    }
  }
}
