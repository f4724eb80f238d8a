package dev.poolkit.benchmarks.report;

import dev.poolkit.benchmarks.blocking.Measurement;
import dev.poolkit.benchmarks.blocking.Scenario;
import dev.poolkit.benchmarks.pools.Pools;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measurements of a blocking-hold run grouped by scenario and pool, each metric summed up
 * over the JVMs (forks) as a median and a range.
 */
final class BlockingSummary {
  /** Median, lowest and highest of one metric over the forks; NaN when none measured it. */
  record Stat(double median, double min, double max, int forks) {
    static Stat of(List<Double> values) {
      double[] v = values.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted().toArray();
      if (v.length == 0) {
        return new Stat(Double.NaN, Double.NaN, Double.NaN, 0);
      }
      int n = v.length;
      double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
      return new Stat(median, v[0], v[n - 1], n);
    }
  }

  /** One pool in one scenario: its measurements over the forks. */
  record Row(String pool, List<Measurement> forks) {
    Stat stat(String metric) {
      return Stat.of(forks.stream().map(m -> m.get(metric)).toList());
    }

    double median(String metric) {
      return stat(metric).median();
    }
  }

  /** One scenario: its rows in report order (baseline, Poolkit's variants, the peers). */
  record Case(String scenario, List<Row> rows) {
    Row row(String pool) {
      return rows.stream().filter(r -> r.pool().equals(pool)).findFirst().orElse(null);
    }

    List<Row> peers() {
      return rows.stream().filter(r -> Pools.isPeer(r.pool())).toList();
    }

    /** The peer with the highest median of {@code metric} (lowest if {@code lowest}). */
    Row bestPeer(String metric, boolean lowest) {
      Comparator<Row> by = Comparator.comparingDouble(r -> r.median(metric));
      return peers().stream()
          .filter(r -> Double.isFinite(r.median(metric)))
          .max(lowest ? by.reversed() : by)
          .orElse(null);
    }

    Scenario definition() {
      return Scenario.full().stream().filter(s -> s.id().equals(scenario)).findFirst().orElse(null);
    }
  }

  private BlockingSummary() {}

  static List<Case> group(List<Measurement> measurements) {
    Map<String, Map<String, List<Measurement>>> byScenario = new LinkedHashMap<>();
    for (Measurement m : measurements) {
      byScenario.computeIfAbsent(m.scenario(), k -> new LinkedHashMap<>())
          .computeIfAbsent(m.pool(), k -> new ArrayList<>())
          .add(m);
    }
    List<String> order = new ArrayList<>();
    order.add(Pools.NO_POOL);
    order.addAll(Pools.ALL);
    List<Case> out = new ArrayList<>();
    for (String id : byScenario.keySet().stream().sorted().toList()) {
      List<Row> rows = new ArrayList<>();
      byScenario.get(id).forEach((pool, forks) -> rows.add(new Row(pool, forks)));
      rows.sort(Comparator.comparingInt(r -> index(order, r.pool())));
      out.add(new Case(id, rows));
    }
    return out;
  }

  private static int index(List<String> order, String pool) {
    int i = order.indexOf(pool);
    return i < 0 ? Integer.MAX_VALUE : i;
  }
}
