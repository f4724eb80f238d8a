package dev.poolkit.benchmarks.report;

import dev.poolkit.benchmarks.blocking.Metric;
import dev.poolkit.benchmarks.pools.Pools;
import java.util.ArrayList;
import java.util.List;

/** The targets of issue 12 for scenarios A to E, checked against the medians over the forks. */
final class BlockingTargets {
  /** Bytes a virtual thread blocked in acquire() may retain beyond a bare parked one. */
  static final double MAX_BYTES_OVER_PARK = 300;

  private BlockingTargets() {}

  static List<Targets.Check> check(List<BlockingSummary.Case> cases) {
    List<Targets.Check> out = new ArrayList<>();
    for (BlockingSummary.Case c : cases) {
      if (c.scenario().equals("E")) {
        for (String pool : List.of(Pools.POOLKIT, Pools.POOLKIT_FIFO)) {
          BlockingSummary.Row row = c.row(pool);
          if (row != null) {
            double over = row.median(Metric.BYTES_OVER_PARK);
            out.add(
                new Targets.Check(
                    "E, " + Pools.label(pool) + ": ≤ " + Report.fmt(MAX_BYTES_OVER_PARK)
                        + " B per blocked virtual thread over a bare parked one",
                    Report.fmt(over) + " B (" + Report.fmt(row.median(Metric.BYTES_PER_WAITER)) + " B against "
                        + Report.fmt(row.median(Metric.BYTES_PER_PARK)) + " B)",
                    over <= MAX_BYTES_OVER_PARK));
          }
        }
        continue;
      }
      BlockingSummary.Row poolkit = c.row(Pools.POOLKIT);
      if (poolkit == null) {
        continue;
      }
      String id = c.scenario() + ", Poolkit: ";
      BlockingSummary.Row fastest = c.bestPeer(Metric.FRACTION_OF_LIMIT, false);
      if (fastest != null) {
        double ratio = poolkit.median(Metric.FRACTION_OF_LIMIT) / fastest.median(Metric.FRACTION_OF_LIMIT);
        out.add(
            new Targets.Check(
                id + "throughput ≥ 1.0× the best peer's",
                Report.fmt(ratio) + "× (" + fastest.pool() + " at " + Report.fmt(fastest.median(Metric.FRACTION_OF_LIMIT))
                    + " of the limit, Poolkit " + Report.fmt(poolkit.median(Metric.FRACTION_OF_LIMIT)) + ")",
                ratio >= 1.0));
      }
      BlockingSummary.Stat unserved = poolkit.stat(Metric.UNSERVED_THREADS);
      out.add(
          new Targets.Check(
              id + "every thread served (in every fork)",
              Report.fmt(unserved.max()) + " threads without an operation in the worst fork",
              unserved.max() == 0));
      BlockingSummary.Stat fairness = poolkit.stat(Metric.FAIRNESS);
      out.add(
          new Targets.Check(
              id + "least ÷ most served thread ≥ 0.5",
              Report.fmt(fairness.median()) + " (forks " + Report.fmt(fairness.min()) + "–" + Report.fmt(fairness.max()) + ")",
              fairness.median() >= 0.5));
      BlockingSummary.Row thriftiest = c.bestPeer(Metric.CPU_US_PER_OP, true);
      if (thriftiest != null) {
        double mine = poolkit.median(Metric.CPU_US_PER_OP);
        double theirs = thriftiest.median(Metric.CPU_US_PER_OP);
        out.add(
            new Targets.Check(
                id + "CPU per operation ≤ the best peer's",
                Report.fmt(mine) + " µs against " + Report.fmt(theirs) + " µs (" + thriftiest.pool() + ")",
                mine <= theirs));
      }
    }
    return out;
  }
}
