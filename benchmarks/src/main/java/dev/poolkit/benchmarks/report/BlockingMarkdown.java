package dev.poolkit.benchmarks.report;

import dev.poolkit.benchmarks.blocking.BlockingResults;
import dev.poolkit.benchmarks.blocking.Metric;
import dev.poolkit.benchmarks.blocking.Scenario;
import dev.poolkit.benchmarks.pools.Pools;
import java.util.List;

/** The Markdown report of a blocking-hold run: the targets, then one table per scenario. */
final class BlockingMarkdown {
  private BlockingMarkdown() {}

  static String render(List<BlockingSummary.Case> cases, BlockingResults run, String date, String jsonName, String svgName) {
    StringBuilder md = new StringBuilder();
    int forks = cases.stream().flatMap(c -> c.rows().stream()).mapToInt(r -> r.forks().size()).max().orElse(0);
    md.append("# Poolkit benchmarks: objects held across blocking calls, ").append(date).append("\n\n");
    md.append("- Machine: ").append(run.machine()).append('\n');
    md.append("- JVM: ").append(run.jvm()).append(", `-Xms1g -Xmx1g`\n");
    md.append("- ").append(forks).append(" JVMs (forks) per pool, one JVM per pool and fork, fork after fork; ")
        .append("cells are the median over the forks, with the range [lowest–highest] where it matters\n");
    if (!run.command().isEmpty()) {
      md.append("- Command: `").append(run.command()).append("`\n");
    }
    if (!run.loadBefore().isEmpty()) {
      md.append("- Load average before: `").append(run.loadBefore()).append("`, after: `")
          .append(run.loadAfter()).append("` (a shared machine: CPU per operation and fairness are the ")
          .append("figures least moved by load)\n");
    }
    md.append("- Raw results: `").append(jsonName).append("`; chart: `").append(svgName).append("`\n\n");
    md.append("Throughput is a fraction of the scenario's limit (pool size ÷ hold: every object always held, ")
        .append("back to back). The *no pool* row runs the hold alone on one thread per object: what the ")
        .append("machine's timers allow, so the real ceiling. Acquire wait is call to return of acquire(). ")
        .append("Fairness is the operations of the least served thread over the most served one in the ")
        .append("window; *unserved* counts threads with none. CPU is the whole process's CPU time over the ")
        .append("window (carriers, GC, JIT, timers) per operation.\n\n");

    List<Targets.Check> checks = BlockingTargets.check(cases);
    if (!checks.isEmpty()) {
      md.append("## Targets (issue 12)\n\n| target | measured | met |\n|---|---|---|\n");
      for (Targets.Check c : checks) {
        String met = c.met() == null ? "?" : c.met() ? "yes" : "**no**";
        md.append("| ").append(c.target()).append(" | ").append(c.measured()).append(" | ").append(met).append(" |\n");
      }
      md.append('\n');
    }
    for (BlockingSummary.Case c : cases) {
      Scenario s = c.definition();
      md.append("## ").append(c.scenario()).append(". ").append(s == null ? "" : s.describe()).append("\n\n");
      if (c.scenario().equals("E")) {
        heapTable(md, c);
      } else {
        loadTable(md, c, c.scenario().equals("D"));
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static void loadTable(StringBuilder md, BlockingSummary.Case c, boolean burst) {
    BlockingSummary.Row poolkit = c.row(Pools.POOLKIT);
    md.append(burst ? "| pool | time to finish (ms) | fraction of ideal |" : "| pool | fraction of limit | ops/s |")
        .append(" Poolkit ÷ pool | acquire wait p50 / p99 / max (ms) | least ÷ most served | unserved threads | CPU µs/op |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (BlockingSummary.Row r : c.rows()) {
      double fraction = r.median(Metric.FRACTION_OF_LIMIT);
      String ratio =
          poolkit == null || r == poolkit || r.pool().equals(Pools.NO_POOL)
              ? ""
              : Report.fmt(poolkit.median(Metric.FRACTION_OF_LIMIT) / fraction) + "×";
      md.append("| ").append(Pools.label(r.pool())).append(" | ");
      if (burst) {
        md.append(range(r.stat(Metric.SECONDS), 1e3)).append(" | ").append(Report.fmt(fraction));
      } else {
        md.append(range(r.stat(Metric.FRACTION_OF_LIMIT), 1)).append(" | ").append(Report.fmt(r.median(Metric.OPS_PER_SECOND)));
      }
      md.append(" | ").append(ratio)
          .append(" | ").append(waits(r))
          .append(" | ").append(range(r.stat(Metric.FAIRNESS), 1))
          .append(" | ").append(Report.fmt(r.stat(Metric.UNSERVED_THREADS).max()))
          .append(" | ").append(range(r.stat(Metric.CPU_US_PER_OP), 1))
          .append(" |\n");
    }
  }

  private static void heapTable(StringBuilder md, BlockingSummary.Case c) {
    md.append("| pool | B per blocked waiter | over a bare park() | bare park() | bare parkNanos(60 s) |\n");
    md.append("|---|---:|---:|---:|---:|\n");
    for (BlockingSummary.Row r : c.rows()) {
      md.append("| ").append(Pools.label(r.pool()))
          .append(" | ").append(Report.fmt(r.median(Metric.BYTES_PER_WAITER)))
          .append(" | ").append(range(r.stat(Metric.BYTES_OVER_PARK), 1))
          .append(" | ").append(Report.fmt(r.median(Metric.BYTES_PER_PARK)))
          .append(" | ").append(Report.fmt(r.median(Metric.BYTES_PER_TIMED_PARK)))
          .append(" |\n");
    }
  }

  private static String waits(BlockingSummary.Row r) {
    if (r.pool().equals(Pools.NO_POOL)) {
      return "–";
    }
    return Report.fmt(r.median(Metric.WAIT_P50_US) / 1e3) + " / " + Report.fmt(r.median(Metric.WAIT_P99_US) / 1e3)
        + " / " + Report.fmt(r.median(Metric.WAIT_MAX_US) / 1e3);
  }

  /** {@code median [min–max]}, scaled; just the median with one fork. */
  static String range(BlockingSummary.Stat s, double scale) {
    String median = Report.fmt(s.median() * scale);
    if (s.forks() < 2) {
      return median;
    }
    return median + " [" + Report.fmt(s.min() * scale) + "–" + Report.fmt(s.max() * scale) + "]";
  }
}
