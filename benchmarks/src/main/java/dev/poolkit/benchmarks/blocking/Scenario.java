package dev.poolkit.benchmarks.blocking;

import java.util.List;

/**
 * One blocking-hold scenario: who runs ({@code threads} virtual or platform threads), over what
 * ({@code poolSize} objects), holding each object for {@code hold}, measured how.
 *
 * @param id A to E, as in the issue
 * @param kind steady-state throughput, a burst, or heap per blocked waiter
 * @param warmupMillis steady state only: time before the measured window
 * @param windowMillis steady state only: the measured window
 */
public record Scenario(
    String id, Kind kind, boolean virtual, int threads, int poolSize, Hold hold,
    long warmupMillis, long windowMillis) {

  /** How a scenario is measured. */
  public enum Kind {
    /** Threads loop acquire, hold, release; counted over a window after a warmup. */
    STEADY,
    /** Every thread starts at once and makes one acquire, hold, release; time until all are done. */
    BURST,
    /** Heap retained per thread blocked in acquire() on an exhausted pool. */
    HEAP
  }

  public Scenario {
    if (threads < 1 || poolSize < 1) {
      throw new IllegalArgumentException("threads and poolSize must be positive: " + threads + ", " + poolSize);
    }
  }

  /** The sizes. */
  public static List<Scenario> full() {
    return List.of(
        // A's window spans two rounds or more of its 10,000 threads even at half the limit, so
        // that a strictly first-come-first-served pool scores least/most served >= 2/3.
        new Scenario("A", Kind.STEADY, true, 10_000, 10, Hold.SLEEP_1MS, 1_500, 5_000),
        new Scenario("B", Kind.STEADY, true, 1_000, 10, Hold.PARK_100US, 750, 1_500),
        new Scenario("C", Kind.STEADY, false, 100, 10, Hold.SLEEP_1MS, 750, 1_500),
        new Scenario("D", Kind.BURST, true, 10_000, 10, Hold.SLEEP_1MS, 0, 0),
        new Scenario("E", Kind.HEAP, true, 10_000, 1, Hold.SLEEP_1MS, 0, 0));
  }

  /** Tiny sizes for the CI smoke test: the same code paths in well under a second each. */
  public static List<Scenario> smoke() {
    return List.of(
        new Scenario("A", Kind.STEADY, true, 200, 4, Hold.SLEEP_1MS, 100, 200),
        new Scenario("B", Kind.STEADY, true, 50, 4, Hold.PARK_100US, 100, 200),
        new Scenario("C", Kind.STEADY, false, 8, 4, Hold.SLEEP_1MS, 100, 200),
        new Scenario("D", Kind.BURST, true, 200, 4, Hold.SLEEP_1MS, 0, 0),
        new Scenario("E", Kind.HEAP, true, 500, 1, Hold.SLEEP_1MS, 0, 0));
  }

  /**
   * The most operations per second the pool allows: every object always held, back to back
   * ({@code poolSize / hold}). No pool can do better; the hold's own overshoot makes it less.
   */
  public double limitOpsPerSecond() {
    return poolSize * 1e9 / hold.nanos();
  }

  /** A one-line description for reports. */
  public String describe() {
    String who = String.format("%,d %s threads", threads, virtual ? "virtual" : "platform");
    return switch (kind) {
      case STEADY -> who + ", pool " + poolSize + ", hold = " + hold.describe()
          + String.format(", limit %,.0f ops/s", limitOpsPerSecond());
      case BURST -> who + " start at once, one operation each, pool " + poolSize + ", hold = "
          + hold.describe() + String.format(": time until all are done (ideal %,.0f ms)", idealBurstMillis());
      case HEAP -> who + " blocked in acquire() on a pool of " + poolSize
          + ": heap retained per waiter, minus a bare parked virtual thread";
    };
  }

  /** The burst's shortest possible duration: {@code threads / poolSize} holds in a row. */
  public double idealBurstMillis() {
    return (double) threads / poolSize * hold.nanos() / 1e6;
  }
}
