package dev.poolkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polling with a deadline: tests wait for a condition instead of sleeping fixed amounts. */
final class Await {
  /** Generous: the CI machine is slow and shared. Passing tests never wait this long. */
  static final Duration LONG = Duration.ofSeconds(10);

  private Await() {}

  static void until(String what, BooleanSupplier condition) {
    until(what, LONG, condition);
  }

  static void until(String what, Duration within, BooleanSupplier condition) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("not reached within " + within + ": " + what);
      }
      pause();
    }
  }

  /** Waits until {@code value} reaches {@code expected}; the message shows the last value. */
  static <V> void until(String what, Supplier<V> value, V expected) {
    long deadline = System.nanoTime() + LONG.toNanos();
    V last;
    while (!(last = value.get()).equals(expected)) {
      if (System.nanoTime() - deadline > 0) {
        fail(what + ": expected " + expected + " within " + LONG + ", still " + last);
      }
      pause();
    }
  }

  /** Waits until {@code pool} has {@code n} queued acquires. */
  static void pending(Pool<?> pool, int n) {
    until("pending acquires of " + pool.name(), () -> pool.stats().pending(), n);
  }

  /**
   * Waits until nothing is leased, queued or in progress (releases are handed over async) and
   * returns that snapshot: assert on it, not on a later {@code stats()}, which housekeeping may
   * have caught mid-check.
   */
  static PoolStats atRest(Pool<?> pool) {
    return atRest(pool, s -> true);
  }

  /**
   * {@link #atRest(Pool)}, and {@code also} holds in the same snapshot: for a condition a snapshot
   * taken while housekeeping destroys or creates may tear (its slots read before, its counters
   * after), while a real violation persists and fails the wait.
   */
  static PoolStats atRest(Pool<?> pool, Predicate<PoolStats> also) {
    long deadline = System.nanoTime() + LONG.toNanos();
    while (true) {
      PoolStats s = pool.stats();
      if (s.inUse() == 0 && s.pending() == 0 && s.creating() == 0 && also.test(s)) {
        return s;
      }
      if (System.nanoTime() - deadline > 0) {
        fail("pool " + pool.name() + " not at rest within " + LONG + ", last " + s);
      }
      pause();
    }
  }

  static void pause() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while polling", e);
    }
  }
}
