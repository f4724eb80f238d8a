package dev.poolkit.benchmarks.blocking;

import dev.poolkit.benchmarks.support.LatencyHistogram;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Scenarios A to C: every thread loops acquire, hold, release from one start signal; after the
 * warmup a window is measured: operations per thread (for fairness), acquire waits, process CPU
 * time. Waits are recorded for acquires that return inside the window.
 */
final class SteadyRun {
  private static final int WARMUP = 0;
  private static final int MEASURE = 1;
  private static final int STOP = 2;

  private final Scenario scenario;
  private final Workload work;
  private final int threads;
  private final AtomicLongArray ops;
  private final LatencyHistogram waits = new LatencyHistogram();
  private final LongAccumulator maxWait = new LongAccumulator(Math::max, 0);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile int phase = WARMUP;

  private SteadyRun(Scenario scenario, Workload work) {
    this.scenario = scenario;
    this.work = work;
    this.threads = work.threads(scenario);
    this.ops = new AtomicLongArray(threads);
  }

  static Map<String, Double> measure(Scenario scenario, Workload work) throws Exception {
    return new SteadyRun(scenario, work).run();
  }

  private Map<String, Double> run() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    Thread[] all = new Thread[threads];
    Thread.Builder builder = scenario.virtual() ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
    for (int i = 0; i < threads; i++) {
      int index = i;
      all[i] = builder.name("hold-", i).start(() -> loop(index, go));
    }
    go.countDown();
    Thread.sleep(scenario.warmupMillis());

    long[] before = snapshot();
    long cpuBefore = CpuClock.processNanos();
    long start = System.nanoTime();
    phase = MEASURE;
    Thread.sleep(scenario.windowMillis());
    long[] after = snapshot();
    long cpuAfter = CpuClock.processNanos();
    long elapsed = System.nanoTime() - start;
    phase = STOP;
    for (Thread t : all) {
      if (!t.join(Duration.ofSeconds(60))) {
        throw new IllegalStateException(t + " did not stop within 60 s");
      }
    }
    Throwable e = failure.get();
    if (e != null) {
      throw new IllegalStateException("scenario " + scenario.id() + " failed", e);
    }
    return results(before, after, elapsed, cpuAfter - cpuBefore);
  }

  private void loop(int index, CountDownLatch go) {
    try {
      go.await();
      long done = 0;
      while (phase != STOP) {
        long waited = work.once(() -> phase == STOP);
        if (phase == MEASURE) {
          waits.record(waited);
          maxWait.accumulate(waited);
        }
        ops.lazySet(index, ++done); // only this thread writes its slot
      }
    } catch (Throwable e) {
      failure.compareAndSet(null, e);
    }
  }

  private long[] snapshot() {
    long[] out = new long[threads];
    for (int i = 0; i < threads; i++) {
      out[i] = ops.get(i);
    }
    return out;
  }

  private Map<String, Double> results(long[] before, long[] after, long elapsedNanos, long cpuNanos) {
    long total = 0;
    long min = Long.MAX_VALUE;
    long max = 0;
    int unserved = 0;
    for (int i = 0; i < threads; i++) {
      long n = after[i] - before[i];
      total += n;
      min = Math.min(min, n);
      max = Math.max(max, n);
      if (n == 0) {
        unserved++;
      }
    }
    double seconds = elapsedNanos / 1e9;
    double opsPerSecond = total / seconds;
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(Metric.THREADS, (double) threads);
    m.put(Metric.OPS, (double) total);
    m.put(Metric.SECONDS, seconds);
    m.put(Metric.OPS_PER_SECOND, opsPerSecond);
    m.put(Metric.FRACTION_OF_LIMIT, opsPerSecond / scenario.limitOpsPerSecond());
    if (work.hasPool()) {
      m.put(Metric.WAIT_P50_US, waits.percentile(50) / 1e3);
      m.put(Metric.WAIT_P99_US, waits.percentile(99) / 1e3);
      m.put(Metric.WAIT_MAX_US, maxWait.get() / 1e3);
    }
    m.put(Metric.MIN_THREAD_OPS, (double) min);
    m.put(Metric.MAX_THREAD_OPS, (double) max);
    m.put(Metric.FAIRNESS, max == 0 ? 0 : (double) min / max);
    m.put(Metric.UNSERVED_THREADS, (double) unserved);
    m.put(Metric.CPU_US_PER_OP, total == 0 ? Double.NaN : cpuNanos / 1e3 / total);
    return m;
  }
}
