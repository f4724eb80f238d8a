package dev.poolkit.benchmarks.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Numbers a benchmark measures beside its throughput (acquire-wait percentiles, fairness, bytes per
 * waiter). Benchmarks publish them at the end of an iteration; {@link MetricsProfiler} turns them
 * into JMH secondary results, so they land in the same JSON as the scores.
 */
public final class Metrics {
  /** One published number. */
  public record Metric(String name, double value, String unit) {}

  private static final Map<String, Metric> VALUES = new ConcurrentHashMap<>();
  private static final ConcurrentLinkedQueue<Long> THREAD_OPS = new ConcurrentLinkedQueue<>();

  private Metrics() {}

  /** Sets {@code name} for the iteration that is ending. */
  public static void publish(String name, double value, String unit) {
    VALUES.put(name, new Metric(name, value, unit));
  }

  /** Adds one benchmark thread's operation count of the iteration that is ending. */
  public static void threadOps(long ops) {
    THREAD_OPS.add(ops);
  }

  /** Forgets everything: called before each iteration. */
  static void clear() {
    VALUES.clear();
    THREAD_OPS.clear();
  }

  /**
   * The metrics of the iteration that ended, plus {@code fairness}: the fewest operations any
   * thread completed divided by the most (1 = every thread got the same share, 0 = one starved).
   */
  static List<Metric> drain() {
    List<Metric> out = new ArrayList<>(VALUES.values());
    if (THREAD_OPS.size() >= 2) {
      long min = Long.MAX_VALUE;
      long max = 0;
      for (long ops : THREAD_OPS) {
        min = Math.min(min, ops);
        max = Math.max(max, ops);
      }
      out.add(new Metric("fairness", max == 0 ? 1 : (double) min / max, "min/max"));
    }
    clear();
    return out;
  }
}
