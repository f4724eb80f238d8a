package dev.poolkit.benchmarks.report;

import dev.poolkit.benchmarks.pools.Pools;
import java.util.List;

/** The Markdown report: the targets first, then one table per scenario case. */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(List<ScenarioCase> cases, Report.RunInfo info) {
    StringBuilder md = new StringBuilder();
    md.append("# Poolkit benchmarks: ").append(info.mode()).append(" run, ").append(info.date()).append("\n\n");
    md.append("- Machine: ").append(info.machine()).append('\n');
    md.append("- JVM: ").append(info.jvm()).append('\n');
    md.append("- JMH: ").append(info.jmhSettings()).append('\n');
    if (!info.loadBefore().isEmpty()) {
      md.append("- Load average before: `").append(info.loadBefore()).append("`, after: `")
          .append(info.loadAfter()).append("`\n");
    }
    md.append("- Ratios are Poolkit (ReuseOrder.ANY) ÷ that pool: above 1 means Poolkit is faster.\n");
    md.append("- Raw results: `").append(info.jsonName()).append("`; chart: `throughput.svg`.\n\n");

    List<Targets.Check> checks = Targets.check(cases);
    if (!checks.isEmpty()) {
      md.append("## Targets (issue #3; the reuse orders: issue 12)\n\n| target | measured | met |\n|---|---|---|\n");
      for (Targets.Check c : checks) {
        String met = c.met() == null ? "?" : c.met() ? "yes" : "**no**";
        md.append("| ").append(c.target()).append(" | ").append(c.measured()).append(" | ").append(met).append(" |\n");
      }
      md.append('\n');
    }

    for (ScenarioCase c : cases) {
      md.append("## ").append(c.title()).append("\n\n");
      if (c.scenario().equals("AsyncAcquire")) {
        md.append("Poolkit only: Stormpot, Commons Pool 2, Vibur, HikariCP's ConcurrentBag and the ")
            .append("semaphore have no acquire that waits without holding a thread.\n\n");
      }
      if (c.scenario().equals("Floor")) {
        md.append("Not pools: one padded state word, a CAS to take it, then one way to give it back. ")
            .append("A pool's fast path cannot beat the row of its own design: Poolkit's release is a CAS ")
            .append("(a double or racing release is a no-op, PY-B2, and the store is ordered before the ")
            .append("release looks for waiters); Stormpot's tap gives back with a lazySet.\n\n");
      }
      BenchResult poolkit = c.poolkit();
      String extra = extraHeader(c);
      md.append("| pool | throughput | best iteration | Poolkit ÷ pool | alloc B/op |")
          .append(extra.isEmpty() ? "" : " " + extra + " |").append('\n');
      md.append("|---|---:|---:|---:|---:|").append(extra.isEmpty() ? "" : "---|").append('\n');
      for (BenchResult r : c.rows()) {
        BenchResult.Metric p = r.primary();
        String ratio =
            poolkit == null || r == poolkit ? "" : Report.fmt(poolkit.primary().score() / p.score()) + "×";
        BenchResult.Metric alloc = r.secondary().get("gc.alloc.rate.norm");
        md.append("| ").append(Pools.describe(r.pool()))
            .append(" | ").append(Report.fmt(p.score()))
            .append(Double.isNaN(p.error()) ? "" : " ± " + Report.fmt(p.error()))
            .append(' ').append(p.unit())
            .append(" | ").append(Report.fmt(p.best()))
            .append(" | ").append(ratio)
            .append(" | ").append(alloc == null ? "" : Report.fmt(alloc.score()))
            .append(" |").append(extra.isEmpty() ? "" : " " + extras(c, r) + " |").append('\n');
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static String extraHeader(ScenarioCase c) {
    return switch (c.scenario()) {
      case "Contended" -> "fairness (min/max ops per thread)";
      case "VirtualThreads" -> "acquire wait p50 / p99 / p99.9 (µs)";
      case "AsyncAcquire" -> "retained B per waiter (with deadline / without)";
      default -> "";
    };
  }

  private static String extras(ScenarioCase c, BenchResult r) {
    return switch (c.scenario()) {
      case "Contended" -> value(r, "fairness");
      case "VirtualThreads" -> value(r, "wait.p50") + " / " + value(r, "wait.p99") + " / " + value(r, "wait.p99.9");
      case "AsyncAcquire" -> value(r, "waiter.bytes") + " / " + value(r, "waiter.bytes.noDeadline");
      default -> "";
    };
  }

  private static String value(BenchResult r, String name) {
    BenchResult.Metric m = r.secondary().get(name);
    return m == null ? "–" : Report.fmt(m.score());
  }
}
