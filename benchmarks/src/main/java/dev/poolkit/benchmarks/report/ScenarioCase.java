package dev.poolkit.benchmarks.report;

import dev.poolkit.benchmarks.pools.Pools;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The results of one scenario with one set of parameters: one result per pool variant. */
record ScenarioCase(String scenario, String method, Map<String, String> params, List<BenchResult> rows) {
  static final List<String> SCENARIOS =
      List.of("Uncontended", "Contended", "VirtualThreads", "AsyncAcquire", "Handoff", "Floor");

  /** Groups results into cases, in scenario order, rows in {@link Pools#ALL} order. */
  static List<ScenarioCase> group(List<BenchResult> results) {
    Map<String, List<BenchResult>> byCase = new LinkedHashMap<>();
    for (BenchResult r : results) {
      byCase.computeIfAbsent(r.scenario() + "." + r.method() + r.caseParams(), k -> new ArrayList<>()).add(r);
    }
    List<ScenarioCase> cases = new ArrayList<>();
    for (List<BenchResult> rows : byCase.values()) {
      rows.sort(Comparator.comparingInt(r -> poolOrder(r.pool())));
      BenchResult first = rows.get(0);
      cases.add(new ScenarioCase(first.scenario(), first.method(), first.caseParams(), rows));
    }
    cases.sort(
        Comparator.comparingInt((ScenarioCase c) -> scenarioOrder(c.scenario()))
            .thenComparingInt(c -> intParam(c, "poolSize"))
            .thenComparingInt(c -> intParam(c, "vthreads")));
    return cases;
  }

  /** A short human title: the scenario number and what varies. */
  String title() {
    String size = params.getOrDefault("poolSize", "?");
    return switch (scenario) {
      case "Uncontended" -> "1. Uncontended: 1 thread, pool " + size;
      case "Contended" -> "2. Contended: 2 threads, pool " + size;
      case "VirtualThreads" ->
          "3. Virtual threads: " + String.format("%,d", intParam(this, "vthreads")) + " threads, pool " + size;
      case "AsyncAcquire" -> "4. Async: 10,000 waiting acquireAsync, pool " + size;
      case "Handoff" -> "5. Hand-off: acquire on one thread, release on another, pool " + size;
      case "Floor" -> "Floor under scenario 1: the atomic operations of one acquire + release alone, 1 thread";
      default -> scenario + "." + method + " " + params;
    };
  }

  BenchResult row(String pool) {
    for (BenchResult r : rows) {
      if (r.pool().equals(pool)) {
        return r;
      }
    }
    return null;
  }

  BenchResult poolkit() {
    return row(Pools.POOLKIT);
  }

  /** The fastest peer (not a Poolkit variant), or null if no peer ran. */
  BenchResult bestPeer() {
    return rows.stream()
        .filter(r -> !Pools.isPoolkit(r.pool()))
        .max(Comparator.comparingDouble(r -> r.primary().score()))
        .orElse(null);
  }

  String unit() {
    return rows.get(0).primary().unit();
  }

  private static int poolOrder(String pool) {
    int i = Pools.ALL.indexOf(pool);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private static int scenarioOrder(String scenario) {
    int i = SCENARIOS.indexOf(scenario);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private static int intParam(ScenarioCase c, String name) {
    String v = c.params().get(name);
    try {
      return v == null ? 0 : Integer.parseInt(Objects.requireNonNull(v));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
