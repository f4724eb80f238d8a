package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** Every invalid builder value fails at once with a message that names the parameter (PY-1). */
@Timeout(60)
class BuilderValidationTest {
  private final PoolBuilder<Res> builder = Pool.builder(new TestAllocator());

  private static void rejects(
      Class<? extends RuntimeException> type, String parameter, Executable call) {
    RuntimeException e = assertThrows(type, call);
    assertTrue(
        e.getMessage() != null && e.getMessage().contains(parameter),
        "message should name " + parameter + ": " + e.getMessage());
  }

  @Test
  void maxSizeBelowOneIsRejectedNamingMaxSize_PY1() {
    rejects(IllegalArgumentException.class, "maxSize", () -> builder.maxSize(0));
    rejects(IllegalArgumentException.class, "maxSize", () -> builder.maxSize(-1));
    rejects(IllegalArgumentException.class, "maxSize", () -> builder.maxSize(Integer.MIN_VALUE));
  }

  @Test
  void minIdleAboveMaxSizeIsRejectedAtBuildNamingBoth() {
    builder.maxSize(2).minIdle(3);
    RuntimeException e = assertThrows(IllegalArgumentException.class, builder::build);
    assertTrue(e.getMessage().contains("minIdle") && e.getMessage().contains("maxSize"), e.getMessage());
  }

  @Test
  void negativeCountsAreRejectedNamingTheParameter() {
    rejects(IllegalArgumentException.class, "minIdle", () -> builder.minIdle(-1));
    rejects(IllegalArgumentException.class, "maxPending", () -> builder.maxPending(-1));
  }

  @Test
  void negativeDurationsAreRejectedNamingTheParameter() {
    Duration minus = Duration.ofMillis(-1);
    rejects(IllegalArgumentException.class, "idleTimeout", () -> builder.idleTimeout(minus));
    rejects(IllegalArgumentException.class, "maxLifetime", () -> builder.maxLifetime(minus));
    rejects(IllegalArgumentException.class, "acquireTimeout", () -> builder.acquireTimeout(minus));
    rejects(
        IllegalArgumentException.class,
        "housekeepingInterval",
        () -> builder.housekeepingInterval(minus));
    rejects(
        IllegalArgumentException.class,
        "housekeepingInterval",
        () -> builder.housekeepingInterval(Duration.ZERO));
  }

  @Test
  void nullValuesAreRejectedNamingTheParameter() {
    rejects(NullPointerException.class, "allocator", () -> Pool.builder(null));
    rejects(NullPointerException.class, "name", () -> builder.name(null));
    rejects(NullPointerException.class, "reuseOrder", () -> builder.reuseOrder(null));
    rejects(NullPointerException.class, "idleTimeout", () -> builder.idleTimeout(null));
    rejects(NullPointerException.class, "maxLifetime", () -> builder.maxLifetime(null));
    rejects(NullPointerException.class, "acquireTimeout", () -> builder.acquireTimeout(null));
    rejects(
        NullPointerException.class,
        "housekeepingInterval",
        () -> builder.housekeepingInterval(null));
    rejects(NullPointerException.class, "onCreate", () -> builder.onCreate(null));
    rejects(NullPointerException.class, "asyncExecutor", () -> builder.asyncExecutor(null));
  }

  @Test
  void blankNameIsRejectedNamingName() {
    rejects(IllegalArgumentException.class, "name", () -> builder.name(""));
    rejects(IllegalArgumentException.class, "name", () -> builder.name("  \t"));
  }

  @Test
  void aRejectedValueLeavesTheBuilderUsable() {
    assertThrows(IllegalArgumentException.class, () -> builder.maxSize(0));
    try (Pool<Res> pool = builder.maxSize(3).build()) {
      assertEquals(3, pool.stats().capacity());
    }
  }

  @Test
  void validEdgeValuesAreAccepted() {
    try (Pool<Res> pool =
        builder
            .maxSize(1)
            .minIdle(1)
            .maxPending(0)
            .idleTimeout(Duration.ZERO)
            .maxLifetime(Duration.ZERO)
            .acquireTimeout(Duration.ZERO)
            .housekeepingInterval(Duration.ofNanos(1))
            .build()) {
      assertEquals(1, pool.stats().capacity());
    }
  }
}
