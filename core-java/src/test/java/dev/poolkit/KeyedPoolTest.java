package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** KeyedPool: ClickHouse's HTTPSessionPool row (CH-1..CH-6, CH-B4, CH-B5). */
@Timeout(60)
class KeyedPoolTest {
  /** One allocator per key, counting objects alive across all keys. */
  private final AtomicInteger alive = new AtomicInteger();
  private final AtomicInteger maxAlive = new AtomicInteger();
  private final Map<String, AtomicInteger> createdPerKey = new ConcurrentHashMap<>();

  private Allocator<String> allocatorFor(String key) {
    return new Allocator<>() {
      @Override
      public String create() {
        maxAlive.accumulateAndGet(alive.incrementAndGet(), Math::max);
        int n = createdPerKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        return key + "#" + n;
      }

      @Override
      public void destroy(String object) {
        alive.decrementAndGet();
      }
    };
  }

  private KeyedPoolBuilder<String, String> builder() {
    return KeyedPool.<String, String>builder(this::allocatorFor).name("ep");
  }

  @Test
  void aKeysPoolIsMadeOnFirstUseAndEqualKeysShareIt_CH1() throws Exception {
    try (KeyedPool<String, String> pool = builder().build()) {
      assertTrue(pool.keys().isEmpty());
      String first;
      try (Lease<String> lease = pool.acquire(new String("a"))) {
        first = lease.get();
      }
      try (Lease<String> lease = pool.acquire("a")) {
        assertEquals(first, lease.get(), "the same key reuses its pool's object");
      }
      try (Lease<String> lease = pool.acquire("b")) {
        assertEquals("b#1", lease.get());
      }
      assertEquals(java.util.Set.of("a", "b"), pool.keys());
      assertEquals("ep[a]", pool.stats("a").name());
    }
  }

  @Test
  void perKeyMaximumWaitsUpToTheTimeout_CH2() throws Exception {
    try (KeyedPool<String, String> pool = builder().maxSizePerKey(2).build()) {
      Lease<String> l1 = pool.acquire("a");
      Lease<String> l2 = pool.acquire("a");
      assertNull(pool.tryAcquire("a"));
      assertThrows(PoolTimeoutException.class, () -> pool.acquire("a", Duration.ofMillis(50)));
      assertNotNull(pool.tryAcquire("b"), "another key has its own room");
      CompletableFuture<Lease<String>> waiter = pool.acquireAsync("a", Duration.ofSeconds(10));
      l1.close();
      assertEquals(l1.isActive(), false);
      try (Lease<String> l3 = waiter.get(10, TimeUnit.SECONDS)) {
        assertEquals("a#1", l3.get(), "the released object went to the waiter");
      }
      l2.close();
    }
  }

  @Test
  void theMaximumMayDependOnTheKeyNotOnWhoCameFirst_CHB4() throws Exception {
    try (KeyedPool<String, String> pool =
        builder().maxSizePerKey(key -> key.startsWith("big") ? 3 : 1).build()) {
      pool.acquire("small");
      assertNull(pool.tryAcquire("small"));
      List<Lease<String>> big = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        big.add(pool.acquire("big", Duration.ZERO));
      }
      assertNull(pool.tryAcquire("big"));
      assertEquals(3, pool.stats("big").capacity());
      assertEquals(1, pool.stats("small").capacity());
    }
  }

  @Test
  void aBadPerKeyMaximumIsReportedForThatKey() {
    try (KeyedPool<String, String> pool = builder().maxSizePerKey(key -> 0).build()) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> pool.tryAcquire("x"));
      assertTrue(e.getMessage().contains("maxSizePerKey"), e.getMessage());
      assertTrue(pool.keys().isEmpty(), "nothing was made for the bad key");
    }
  }

  @Test
  void anExpiredObjectIsReplacedNotReused_CH3() throws Exception {
    try (KeyedPool<String, String> pool = builder().build()) {
      Lease<String> lease = pool.acquire("a");
      String old = lease.get();
      lease.invalidate();
      try (Lease<String> next = pool.acquire("a")) {
        assertNotSame(old, next.get());
        assertEquals("a#2", next.get());
      }
      assertEquals(1, pool.stats("a").invalidated());
    }
  }

  @Test
  void theGlobalMaximumDestroysAnIdleObjectOfAnotherKeyToMakeRoom() throws Exception {
    try (KeyedPool<String, String> pool = builder().maxSizePerKey(4).maxTotal(3).build()) {
      for (String key : List.of("a", "b", "c")) {
        pool.acquire(key).close();
      }
      assertEquals(3, alive.get());
      try (Lease<String> d = pool.acquire("d", Duration.ZERO)) {
        assertEquals("d#1", d.get(), "made room by destroying an idle object of another key");
      }
      assertEquals(3, alive.get());
      assertEquals(3, pool.stats().allocated());
    }
  }

  @Test
  void whenEveryObjectIsLeasedAnAcquireWaitsForARelease_CHB5() throws Exception {
    try (KeyedPool<String, String> pool = builder().maxSizePerKey(4).maxTotal(2).build()) {
      Lease<String> a = pool.acquire("a");
      Lease<String> b = pool.acquire("b");
      assertNull(pool.tryAcquire("c"), "leased objects are never destroyed to make room");
      CompletableFuture<Lease<String>> c = pool.acquireAsync("c", Duration.ofSeconds(10));
      Await.until("c waits", () -> pool.stats("c").pending() == 1);
      a.close(); // a's object goes (not idled) so c can have the room
      try (Lease<String> lease = c.get(10, TimeUnit.SECONDS)) {
        assertEquals("c#1", lease.get());
      }
      assertEquals(2, maxAlive.get(), "never more than maxTotal objects");
      b.close();
    }
  }

  @Test
  void manyKeysUnderLoadNeverExceedTheGlobalMaximum() throws Exception {
    try (KeyedPool<String, String> pool = builder().maxSizePerKey(3).maxTotal(5).build()) {
      AtomicInteger failures = new AtomicInteger();
      List<java.util.concurrent.Future<?>> tasks = new ArrayList<>();
      try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int t = 0; t < 100; t++) {
          int thread = t;
          tasks.add(executor.submit(
              () -> {
                for (int i = 0; i < 200; i++) {
                  try (Lease<String> lease =
                      pool.acquire("k" + (thread + i) % 7, Duration.ofSeconds(20))) {
                    if (i % 50 == 0) {
                      Thread.sleep(1);
                    }
                  } catch (Exception e) {
                    failures.incrementAndGet();
                  }
                }
                return null;
              }));
        }
      }
      for (var task : tasks) {
        task.get(); // an Error in a task (a StackOverflowError once) must fail the test, not vanish
      }
      assertEquals(0, failures.get());
      assertTrue(maxAlive.get() <= 5, "at most maxTotal alive, was " + maxAlive.get());
      PoolStats total = pool.stats();
      assertEquals(20_000, total.acquired());
      assertEquals(0, total.inUse());
      assertEquals(total.created() - total.destroyed(), total.allocated());
    }
    assertEquals(0, alive.get(), "close destroyed every object");
  }

  @Test
  void aKeyPoolWithoutObjectsIsDroppedAfterAWhile_CH6() throws Exception {
    try (KeyedPool<String, String> pool =
        builder().idleTimeout(Duration.ofMillis(40)).idlePoolTimeout(Duration.ofMillis(100)).build()) {
      pool.acquire("gone").close();
      try (Lease<String> kept = pool.acquire("kept")) {
        Await.until("the idle key's pool is dropped", () -> !pool.keys().contains("gone"));
        assertTrue(pool.keys().contains("kept"), "a key with a lease out is kept");
        assertEquals(1, pool.stats().created() - pool.stats().destroyed());
      }
      try (Lease<String> again = pool.acquire("gone")) {
        assertEquals("gone#2", again.get(), "a new pool is made on the next use");
      }
    }
  }

  @Test
  void totalsNeverGoBackwardsWhileKeyPoolsAreDropped_CH6() throws Exception {
    try (KeyedPool<String, String> pool =
        builder().idleTimeout(Duration.ofMillis(5)).idlePoolTimeout(Duration.ofMillis(20)).build()) {
      long lastCreated = 0;
      long lastAcquired = 0;
      int drops = 0;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      for (int i = 0; System.nanoTime() < end; i++) {
        if (i % 10 == 0) {
          pool.acquire("k" + (i / 10) % 64).close();
        }
        PoolStats s = pool.stats();
        assertTrue(s.created() >= lastCreated && s.acquired() >= lastAcquired,
            "totals went backwards: created " + lastCreated + " -> " + s.created()
                + ", acquired " + lastAcquired + " -> " + s.acquired());
        if (pool.keys().size() < 64) {
          drops++;
        }
        lastCreated = s.created();
        lastAcquired = s.acquired();
      }
      assertTrue(drops > 0, "no key pool was dropped, so nothing was checked");
    }
  }

  @Test
  void leasesAreReleasedThroughTheKeyedPoolAndForeignOnesAreRejected_CH4() throws Exception {
    try (KeyedPool<String, String> pool = builder().maxSizePerKey(1).build();
        Pool<String> other = Pool.builder(() -> "x").build()) {
      Lease<String> lease = pool.acquire("a");
      pool.release(lease);
      pool.release(lease); // a second release does nothing
      assertEquals(0, pool.stats("a").inUse());
      Lease<String> foreign = other.acquire();
      assertThrows(IllegalArgumentException.class, () -> pool.release(foreign));
      assertTrue(foreign.isActive(), "a rejected release changes nothing");
      int length = pool.withLease("a", String::length);
      assertEquals(3, length);
    }
  }

  @Test
  void closeFailsWaitersAndDestroysEverything() throws Exception {
    KeyedPool<String, String> pool = builder().maxSizePerKey(1).build();
    Lease<String> held = pool.acquire("a");
    CompletableFuture<Lease<String>> waiter = pool.acquireAsync("a", Duration.ofSeconds(30));
    CompletableFuture<Void> done = pool.closeAsync();
    assertTrue(pool.isClosed());
    var failure = assertThrows(java.util.concurrent.ExecutionException.class,
        () -> waiter.get(10, TimeUnit.SECONDS));
    assertSame(PoolClosedException.class, failure.getCause().getClass());
    assertThrows(PoolClosedException.class, () -> pool.acquire("b"));
    held.close();
    done.get(10, TimeUnit.SECONDS);
    assertEquals(0, alive.get());
    assertEquals(0, pool.stats().allocated());
  }

  @Test
  void builderRejectsBadValuesNamingTheParameter() {
    var b = builder();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.maxTotal(0)).getMessage().contains("maxTotal"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.maxSizePerKey(0)).getMessage().contains("maxSizePerKey"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.idlePoolTimeout(Duration.ofSeconds(-1))).getMessage().contains("idlePoolTimeout"));
    assertThrows(NullPointerException.class, () -> KeyedPool.builder(null));
  }
}
