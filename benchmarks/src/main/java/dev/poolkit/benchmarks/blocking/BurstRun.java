package dev.poolkit.benchmarks.blocking;

import dev.poolkit.benchmarks.support.LatencyHistogram;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Scenario D: all threads are started at once, each makes one acquire, hold, release; measured
 * from the first {@code start()} to the last thread done. One unmeasured burst first (class
 * loading, JIT, the carrier pool). Without a pool the same number of holds is split over one
 * thread per object.
 */
final class BurstRun {
  private BurstRun() {}

  static Map<String, Double> measure(Scenario scenario, Workload work) throws Exception {
    burst(scenario, work);
    return burst(scenario, work);
  }

  private static Map<String, Double> burst(Scenario scenario, Workload work) throws Exception {
    int threads = work.threads(scenario);
    int each = work.hasPool() ? 1 : scenario.threads() / scenario.poolSize();
    AtomicLongArray ops = new AtomicLongArray(threads);
    LatencyHistogram waits = new LatencyHistogram();
    LongAccumulator maxWait = new LongAccumulator(Math::max, 0);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(threads);
    Thread.Builder builder = Thread.ofVirtual().name("burst-", 0);

    long cpuBefore = CpuClock.processNanos();
    long start = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      int index = i;
      builder.start(
          () -> {
            try {
              for (int k = 0; k < each; k++) {
                long waited = work.once(() -> false);
                waits.record(waited);
                maxWait.accumulate(waited);
                ops.lazySet(index, k + 1);
              }
            } catch (Throwable e) {
              failure.compareAndSet(null, e);
            } finally {
              done.countDown();
            }
          });
    }
    if (!done.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("burst " + scenario.id() + " not done within 120 s");
    }
    long elapsed = System.nanoTime() - start;
    long cpu = CpuClock.processNanos() - cpuBefore;
    Throwable e = failure.get();
    if (e != null) {
      throw new IllegalStateException("scenario " + scenario.id() + " failed", e);
    }

    long total = 0;
    long min = Long.MAX_VALUE;
    long max = 0;
    int unserved = 0;
    for (int i = 0; i < threads; i++) {
      long n = ops.get(i);
      total += n;
      min = Math.min(min, n);
      max = Math.max(max, n);
      unserved += n == 0 ? 1 : 0;
    }
    double seconds = elapsed / 1e9;
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(Metric.THREADS, (double) threads);
    m.put(Metric.OPS, (double) total);
    m.put(Metric.SECONDS, seconds);
    m.put(Metric.OPS_PER_SECOND, total / seconds);
    m.put(Metric.FRACTION_OF_LIMIT, scenario.idealBurstMillis() / 1e3 / seconds);
    if (work.hasPool()) {
      m.put(Metric.WAIT_P50_US, waits.percentile(50) / 1e3);
      m.put(Metric.WAIT_P99_US, waits.percentile(99) / 1e3);
      m.put(Metric.WAIT_MAX_US, maxWait.get() / 1e3);
    }
    m.put(Metric.MIN_THREAD_OPS, (double) min);
    m.put(Metric.MAX_THREAD_OPS, (double) max);
    m.put(Metric.FAIRNESS, max == 0 ? 0 : (double) min / max);
    m.put(Metric.UNSERVED_THREADS, (double) unserved);
    m.put(Metric.CPU_US_PER_OP, total == 0 ? Double.NaN : cpu / 1e3 / total);
    return m;
  }
}
