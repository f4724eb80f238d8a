package dev.poolkit.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row of a JMH JSON result file: a benchmark with one set of parameters. */
record BenchResult(
    String scenario,
    String method,
    Map<String, String> params,
    Metric primary,
    Map<String, Metric> secondary,
    String jdk,
    String vm) {

  /**
   * A score with its error (NaN when JMH could not estimate it), unit, and the best single
   * iteration (the highest; NaN if unknown): on a shared, noisy machine the best iteration is the
   * one least disturbed by other processes.
   */
  record Metric(double score, double error, String unit, double best) {}

  String pool() {
    return params.getOrDefault("pool", "?");
  }

  /** The parameters other than the pool: which results are compared with each other. */
  Map<String, String> caseParams() {
    Map<String, String> rest = new LinkedHashMap<>(params);
    rest.remove("pool");
    return rest;
  }

  /** Reads every result of a JMH {@code -rf json} file. */
  @SuppressWarnings("unchecked")
  static List<BenchResult> readAll(String json) {
    List<BenchResult> out = new ArrayList<>();
    for (Object item : (List<Object>) Json.parse(json)) {
      Map<String, Object> run = (Map<String, Object>) item;
      String benchmark = (String) run.get("benchmark");
      String[] parts = benchmark.split("\\.");
      Map<String, String> params = new LinkedHashMap<>();
      Object rawParams = run.get("params");
      if (rawParams instanceof Map<?, ?> map) {
        map.forEach((k, v) -> params.put((String) k, String.valueOf(v)));
      }
      Map<String, Metric> secondary = new LinkedHashMap<>();
      Object rawSecondary = run.get("secondaryMetrics");
      if (rawSecondary instanceof Map<?, ?> map) {
        map.forEach((k, v) -> secondary.put((String) k, metric((Map<String, Object>) v)));
      }
      out.add(
          new BenchResult(
              parts[parts.length - 2],
              parts[parts.length - 1],
              params,
              metric((Map<String, Object>) run.get("primaryMetric")),
              secondary,
              String.valueOf(run.get("jdkVersion")),
              run.get("vmName") + " " + run.get("vmVersion")));
    }
    return out;
  }

  private static Metric metric(Map<String, Object> m) {
    double best = Double.NaN;
    if (m.get("rawData") instanceof List<?> forks) {
      for (Object fork : forks) {
        for (Object iteration : (List<?>) fork) {
          double v = number(iteration);
          best = Double.isNaN(best) ? v : Math.max(best, v);
        }
      }
    }
    return new Metric(
        number(m.get("score")), number(m.get("scoreError")), (String) m.get("scoreUnit"), best);
  }

  private static double number(Object o) {
    if (o instanceof Double d) {
      return d;
    }
    try {
      return Double.parseDouble(String.valueOf(o)); // JMH writes "NaN" as a string
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
