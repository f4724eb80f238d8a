package dev.poolkit.benchmarks.support;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

/**
 * Reports {@link Metrics} as JMH secondary results. Enable with {@code -prof
 * dev.poolkit.benchmarks.support.MetricsProfiler}; it runs in the benchmark's own JVM (the fork),
 * where the benchmarks publish. Warmup iterations are not reported.
 */
public final class MetricsProfiler implements InternalProfiler {

  @Override
  public String getDescription() {
    return "Poolkit benchmark metrics: acquire-wait percentiles, fairness, bytes per async waiter";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    Metrics.clear();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    List<Metrics.Metric> metrics = Metrics.drain();
    if (iterationParams.getType() != IterationType.MEASUREMENT) {
      return List.of();
    }
    return metrics.stream()
        .map(m -> new ScalarResult(m.name(), m.value(), m.unit(), AggregationPolicy.AVG))
        .toList();
  }
}
