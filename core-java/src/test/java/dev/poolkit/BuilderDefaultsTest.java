package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** PO-1: what a pool built with nothing but an allocator looks like, and where its name shows. */
@Timeout(60)
class BuilderDefaultsTest {

  @Test
  void defaultPoolHasCapacityTenCreatesNothingUpFrontAndIsNamedPoolN_PO1() {
    TestAllocator alloc = new TestAllocator();
    try (Pool<Res> pool = Pool.builder(alloc).build()) {
      PoolStats s = pool.stats();
      assertEquals(10, s.capacity());
      assertEquals(10, s.available());
      assertEquals(0, s.allocated());
      assertEquals(0, alloc.createCalls.get(), "minIdle defaults to 0: nothing is created");
      assertTrue(pool.name().matches("pool-\\d+"), pool.name());
      assertEquals(pool.name(), s.name());
      assertTrue(!pool.isClosed() && !s.closed());
    }
  }

  @Test
  void twoUnnamedPoolsGetDifferentNames_PO1() {
    PoolBuilder<Res> builder = Pool.builder(new TestAllocator());
    try (Pool<Res> a = builder.build();
        Pool<Res> b = builder.build()) {
      assertNotEquals(a.name(), b.name());
    }
  }

  @Test
  void theNameShowsInStatsToStringAndErrors_PO1() {
    Pool<Res> pool = Pool.builder(new TestAllocator()).name("orders-db").maxSize(1).build();
    assertEquals("orders-db", pool.name());
    assertEquals("orders-db", pool.stats().name());
    assertTrue(pool.toString().contains("orders-db"), pool.toString());
    pool.close();
    PoolClosedException e =
        org.junit.jupiter.api.Assertions.assertThrows(PoolClosedException.class, pool::tryAcquire);
    assertTrue(e.getMessage().contains("orders-db"), e.getMessage());
  }

  @Test
  void theDefaultAcquireWaitsInsteadOfFailingFast_PO1() throws Exception {
    try (Pool<Res> pool = Pool.builder(new TestAllocator()).maxSize(1).build()) {
      Lease<Res> held = pool.acquire();
      Attempt<Lease<Res>> waiting = Attempt.start(pool::acquire);
      Await.pending(pool, 1);
      held.close();
      Lease<Res> lease = waiting.get();
      assertInstanceOf(Res.class, lease.get());
      lease.close();
    }
  }

  @Test
  void oneBuilderBuildsIndependentPools_PO1() throws Exception {
    TestAllocator alloc = new TestAllocator();
    PoolBuilder<Res> builder = Pool.builder(alloc).maxSize(1);
    List<Pool<Res>> pools = new ArrayList<>();
    pools.add(builder.build());
    pools.add(builder.build());
    Lease<Res> a = pools.get(0).acquire();
    Lease<Res> b = pools.get(1).acquire();
    assertNotEquals(a.get(), b.get());
    pools.get(0).close();
    assertTrue(!pools.get(1).isClosed());
    a.close();
    b.close();
    pools.get(1).close();
    alloc.assertEveryObjectDestroyedOnce();
  }
}
