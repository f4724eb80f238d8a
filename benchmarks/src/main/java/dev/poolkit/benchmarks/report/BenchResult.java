package dev.poolkit.benchmarks.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Reads every result of a JMH {@code -rf json} file. */
  static List<BenchResult> readAll(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("JSON: a JMH result file is an array of runs");
    }
    List<BenchResult> out = new ArrayList<>();
    for (JsonNode run : root) {
      String[] parts = run.path("benchmark").asText().split("\\.");
      Map<String, String> params = new LinkedHashMap<>();
      run.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
      Map<String, Metric> secondary = new LinkedHashMap<>();
      run.path("secondaryMetrics").properties().forEach(e -> secondary.put(e.getKey(), metric(e.getValue())));
      out.add(
          new BenchResult(
              parts[parts.length - 2],
              parts[parts.length - 1],
              params,
              metric(run.path("primaryMetric")),
              secondary,
              run.path("jdkVersion").asText("null"),
              run.path("vmName").asText("null") + " " + run.path("vmVersion").asText("null")));
    }
    return out;
  }

  private static Metric metric(JsonNode m) {
    double best = Double.NaN;
    for (JsonNode fork : m.path("rawData")) {
      for (JsonNode iteration : fork) {
        double v = number(iteration);
        best = Double.isNaN(best) ? v : Math.max(best, v);
      }
    }
    return new Metric(number(m.path("score")), number(m.path("scoreError")), m.path("scoreUnit").asText(null), best);
  }

  private static double number(JsonNode n) {
    if (n.isNumber()) {
      return n.asDouble();
    }
    try {
      return Double.parseDouble(n.asText()); // JMH writes "NaN" as a string
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
