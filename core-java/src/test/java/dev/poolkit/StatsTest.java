package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PO-2 and CH-5: a sequential script checks after every step that allocated == inUse + idle (+
 * creating), that at rest allocated == created - destroyed, and that each counter moved exactly as
 * documented on {@link PoolStats}.
 */
@Timeout(60)
class StatsTest {
  private final CheckingAllocator alloc = new CheckingAllocator();
  private final Pool<Res> pool =
      Pool.builder(alloc).name("stats").maxSize(3).reuseOrder(ReuseOrder.FIFO).build();

  /** Expected values; the script changes them step by step. */
  private int allocated, idle, inUse;

  private long acquired, reused, created, destroyed, timeouts, exhausted, createFailures, dead,
      invalidated;

  private void check(String step) {
    PoolStats s = pool.stats();
    PoolAsserts.assertAtRest(s);
    String where = "after " + step + ": " + s;
    assertEquals("stats", s.name(), where);
    assertEquals(3, s.capacity(), where);
    assertEquals(allocated, s.allocated(), where);
    assertEquals(idle, s.idle(), where);
    assertEquals(inUse, s.inUse(), where);
    assertEquals(inUse, s.used(), where);
    assertEquals(acquired, s.acquired(), "acquired " + where);
    assertEquals(reused, s.reused(), "reused " + where);
    assertEquals(created, s.created(), where);
    assertEquals(destroyed, s.destroyed(), where);
    assertEquals(timeouts, s.timeouts(), where);
    assertEquals(exhausted, s.exhausted(), where);
    assertEquals(createFailures, s.createFailures(), where);
    assertEquals(dead, s.dead(), "dead " + where);
    assertEquals(invalidated, s.invalidated(), where);
    assertEquals(0, s.expired(), where);
    assertEquals(0, s.destroyFailures(), where);
  }

  @Test
  void everyCounterMovesAsDocumented_PO2_CH5() throws Exception {
    try (pool) {
      check("build");
      Lease<Res> a = pool.acquire();
      allocated = 1; inUse = 1; acquired = 1; created = 1;
      check("acquire creating");
      Lease<Res> b = pool.acquire();
      allocated = 2; inUse = 2; acquired = 2; created = 2;
      check("second acquire creating");
      Res objectA = a.get();
      a.close();
      idle = 1; inUse = 1;
      check("release");
      Lease<Res> c = pool.acquire();
      idle = 0; inUse = 2; acquired = 3; reused = 1;
      check("acquire reusing");
      c.close();
      b.close();
      idle = 2; inUse = 0;
      check("two releases");

      objectA.alive = false; // FIFO: objectA is next, and is dead
      Lease<Res> d = pool.acquire();
      allocated = 1; idle = 0; inUse = 1; acquired = 4; reused = 2; destroyed = 1; dead = 1;
      check("acquire skipping a dead idle object");
      d.invalidate();
      allocated = 0; inUse = 0; destroyed = 2; invalidated = 1;
      check("invalidate");

      Lease<Res> e = pool.acquire();
      Lease<Res> f = pool.acquire();
      Lease<Res> g = pool.acquire();
      allocated = 3; inUse = 3; acquired = 7; created = 5;
      check("three acquires creating");
      assertThrows(PoolExhaustedException.class, () -> pool.acquire(Duration.ZERO));
      exhausted = 1;
      check("fail fast");
      assertThrows(PoolTimeoutException.class, () -> pool.acquire(Duration.ofMillis(10)));
      timeouts = 1;
      check("timeout");

      e.get().resetThrows = true;
      e.close();
      allocated = 2; inUse = 2; destroyed = 3; dead = 2;
      check("release whose reset throws");
      f.get().alive = false;
      f.close();
      allocated = 1; inUse = 1; destroyed = 4; dead = 3;
      check("release of a dead object");

      alloc.beforeCreate = () -> {
        throw new IOException("down");
      };
      assertThrows(PoolCreateException.class, pool::acquire);
      createFailures = 1;
      check("failed create");
      alloc.beforeCreate = () -> {};

      g.close();
      idle = 1; inUse = 0;
      check("last release");
      pool.close();
      pool.closeAsync().get(10, java.util.concurrent.TimeUnit.SECONDS); // see CloseContractTest
      allocated = 0; idle = 0; destroyed = 5;
      check("close");
      alloc.assertEveryObjectDestroyedOnce();
    }
  }
}
