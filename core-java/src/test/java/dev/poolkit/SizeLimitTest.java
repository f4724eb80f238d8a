package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sizes: a slot is allocated per unit of capacity when a pool is built, so sizes above {@link
 * Pool#MAX_SIZE} are refused with an error that names the parameter instead of running out of
 * memory; and a keyed pool's per-key size errors name {@code maxSizePerKey}, the parameter given.
 */
@Timeout(60)
class SizeLimitTest {

  private static void assertNames(String parameter, IllegalArgumentException e) {
    assertTrue(e.getMessage().contains(parameter), "message should name " + parameter + ": " + e.getMessage());
  }

  @Test
  void maxSizeAboveTheLimitIsRefusedNamingMaxSizeAndTheLimit_PY1() {
    PoolBuilder<Res> b = Pool.builder(new TestAllocator());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.maxSize(Integer.MAX_VALUE));
    assertNames("maxSize", e);
    assertTrue(e.getMessage().contains(String.valueOf(Pool.MAX_SIZE)), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.maxSize(Pool.MAX_SIZE + 1));
    try (Pool<Res> pool = b.maxSize(2).build()) { // the refused values left the builder as it was
      assertEquals(2, pool.stats().capacity());
    }
  }

  @Test
  void thePoolAtTheLimitBuildsAndWorks() throws Exception {
    try (Pool<Res> pool = Pool.builder(new TestAllocator()).maxSize(Pool.MAX_SIZE).build()) {
      assertEquals(Pool.MAX_SIZE, pool.stats().capacity());
      pool.acquire().close();
      assertEquals(1, pool.stats().idle());
    }
  }

  @Test
  void keyedSizesNameTheParameterThatWasGiven() {
    var b = KeyedPool.<String, Res>builder(key -> new TestAllocator());
    assertNames("maxSizePerKey", assertThrows(IllegalArgumentException.class, () -> b.maxSizePerKey(0)));
    assertNames(
        "maxSizePerKey",
        assertThrows(IllegalArgumentException.class, () -> b.maxSizePerKey(Integer.MAX_VALUE)));
    assertNames("maxTotal", assertThrows(IllegalArgumentException.class, () -> b.maxTotal(0)));
  }

  @Test
  void aPerKeyFunctionAboveTheLimitFailsThatKeyNamingMaxSizePerKey() throws Exception {
    try (KeyedPool<String, Res> pool =
        KeyedPool.<String, Res>builder(key -> new TestAllocator())
            .maxSizePerKey(key -> key.equals("huge") ? Integer.MAX_VALUE : 2)
            .build()) {
      assertNames(
          "maxSizePerKey", assertThrows(IllegalArgumentException.class, () -> pool.tryAcquire("huge")));
      assertTrue(pool.keys().isEmpty(), "nothing was made for the bad key");
      pool.acquire("small").close();
    }
  }

  @Test
  void aLargePerKeySizeUnderASmallGlobalMaximumIsOnlyAsLargeAsTheGlobalMaximum() throws Exception {
    try (KeyedPool<String, Res> pool =
        KeyedPool.<String, Res>builder(key -> new TestAllocator())
            .maxSizePerKey(key -> Integer.MAX_VALUE)
            .maxTotal(4)
            .build()) {
      pool.acquire("a").close();
      assertEquals(4, pool.stats("a").capacity());
    }
  }
}
