package dev.poolkit.benchmarks.report;

import dev.poolkit.benchmarks.pools.Pools;
import java.util.ArrayList;
import java.util.List;

/** The targets of issue #3 (and issue 12's for the reuse orders), checked against one run. */
final class Targets {
  /** One target: what, the measured value, and whether it is met (null: not measured). */
  record Check(String target, String measured, Boolean met) {}

  private Targets() {}

  static List<Check> check(List<ScenarioCase> cases) {
    List<Check> out = new ArrayList<>();
    for (ScenarioCase c : cases) {
      BenchResult poolkit = c.poolkit();
      if (poolkit == null) {
        continue;
      }
      double score = poolkit.primary().score();
      if (List.of("Uncontended", "Contended", "VirtualThreads").contains(c.scenario())) {
        orders(c, score, out);
      }
      switch (c.scenario()) {
        case "Uncontended" -> {
          BenchResult storm = better(c.row(Pools.STORMPOT), c.row(Pools.STORMPOT_VT));
          if (storm != null) {
            out.add(ratio(c, "Poolkit ≥ 0.8× Stormpot (better tap)", score, storm, 0.8));
          }
          BenchResult commons = c.row(Pools.COMMONS_POOL2);
          if (commons != null) {
            out.add(ratio(c, "Poolkit ≥ 10× Commons Pool 2", score, commons, 10));
          }
        }
        case "Contended", "Handoff" -> ahead(c, score, 1.0, out);
        case "VirtualThreads" -> {
          boolean tenThousand = "10000".equals(c.params().get("vthreads"));
          ahead(c, score, tenThousand ? 1.5 : 1.0, out);
        }
        case "AsyncAcquire" -> {
          BenchResult.Metric bytes = poolkit.secondary().get("waiter.bytes");
          out.add(
              new Check(
                  c.title() + ": ≤ 200 B retained per waiting acquireAsync()",
                  bytes == null ? "not measured (run with the MetricsProfiler)" : Report.fmt(bytes.score()) + " B",
                  bytes == null ? null : bytes.score() <= 200));
        }
        default -> {}
      }
    }
    return out;
  }

  /** Issue 12: ReuseOrder.FIFO and LIFO within 2× of the default (ANY) in scenarios 1 to 3. */
  private static void orders(ScenarioCase c, double score, List<Check> out) {
    for (String order : List.of(Pools.POOLKIT_FIFO, Pools.POOLKIT_LIFO)) {
      BenchResult r = c.row(order);
      if (r != null) {
        double slower = score / r.primary().score();
        out.add(
            new Check(
                c.title() + ": " + Pools.label(order) + " within 2× of the default",
                "default " + Report.fmt(slower) + "× as fast (" + Report.fmt(r.primary().score()) + " " + c.unit() + ")",
                slower <= 2));
      }
    }
  }

  private static void ahead(ScenarioCase c, double score, double factor, List<Check> out) {
    BenchResult best = c.bestPeer();
    if (best != null) {
      String what = factor > 1 ? "Poolkit ≥ " + factor + "× the best peer" : "Poolkit ahead of every peer";
      out.add(ratio(c, what, score, best, factor));
    }
  }

  private static Check ratio(ScenarioCase c, String what, double score, BenchResult peer, double factor) {
    double ratio = score / peer.primary().score();
    return new Check(
        c.title() + ": " + what,
        Report.fmt(ratio) + "× (" + peer.pool() + " " + Report.fmt(peer.primary().score()) + " " + c.unit() + ")",
        factor > 1 ? ratio >= factor : ratio > factor);
  }

  private static BenchResult better(BenchResult a, BenchResult b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.primary().score() >= b.primary().score() ? a : b;
  }
}
