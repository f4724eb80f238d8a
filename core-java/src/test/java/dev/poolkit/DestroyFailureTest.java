package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** An allocator whose destroy throws is counted in destroyFailures and breaks nothing. */
@Timeout(60)
class DestroyFailureTest {

  @ContractTest
  void aThrowingDestroyIsCountedAndTheObjectIsGoneAnyway(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    alloc.destroyThrows = true;
    Pool<Res> pool = v.builder(alloc).maxSize(2).build();
    Lease<Res> a = pool.acquire();
    a.invalidate(); // must not throw
    PoolStats s = pool.stats();
    assertEquals(1, s.destroyFailures());
    assertEquals(1, s.destroyed());
    assertEquals(0, s.allocated());
    PoolAsserts.assertFullCapacity(pool, 2);
    Lease<Res> leased = pool.acquire();
    pool.close(); // destroys the idle one: must not throw
    leased.close(); // destroyed on return: must not throw
    assertTrue(pool.close(Duration.ofSeconds(5)));
    pool.closeAsync().get(5, TimeUnit.SECONDS);
    PoolStats end = pool.stats();
    assertEquals(alloc.created.get(), end.destroyFailures());
    assertEquals(0, end.allocated());
    alloc.assertEveryObjectDestroyedOnce();
  }
}
