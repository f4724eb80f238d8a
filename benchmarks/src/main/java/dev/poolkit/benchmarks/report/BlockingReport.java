package dev.poolkit.benchmarks.report;

import dev.poolkit.benchmarks.blocking.BlockingResults;
import dev.poolkit.benchmarks.blocking.Measurement;
import dev.poolkit.benchmarks.blocking.Metric;
import dev.poolkit.benchmarks.pools.Pools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Merges the per-JVM result files of a blocking-hold run ({@code BlockingBench}) into one JSON
 * file and writes its Markdown report and chart.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.poolkit.benchmarks.report.BlockingReport \
 *     --in benchmarks/results/tmp/blocking-2026-11-24 --json benchmarks/results/blocking-2026-11-24.json \
 *     [--load-before "..."] [--load-after "..."] [--command "..."] [--svg benchmarks/results/blocking.svg]
 * }</pre>
 *
 * {@code --in} is a directory of {@code BlockingBench} outputs or one merged file (to re-render);
 * the Markdown goes next to {@code --json}, with the same name ending in {@code .md}.
 */
public final class BlockingReport {
  private BlockingReport() {}

  public static void main(String[] args) throws IOException {
    Path in = null;
    Path json = null;
    Path svg = null;
    String loadBefore = null;
    String loadAfter = null;
    String command = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--in" -> in = Path.of(value);
        case "--json" -> json = Path.of(value);
        case "--svg" -> svg = Path.of(value);
        case "--load-before" -> loadBefore = value;
        case "--load-after" -> loadAfter = value;
        case "--command" -> command = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    if (in == null || json == null) {
      throw new IllegalArgumentException("--in <dir or file> and --json <merged results file> are required");
    }
    BlockingResults run = read(in);
    run = new BlockingResults(
        run.jvm(), run.machine(), loadBefore == null ? run.loadBefore() : loadBefore,
        loadAfter == null ? run.loadAfter() : loadAfter, command == null ? run.command() : command,
        run.measurements());
    Path dir = json.toAbsolutePath().getParent();
    if (svg == null) {
      svg = dir.resolve("blocking.svg");
    }
    String name = json.getFileName().toString();
    Path md = dir.resolve(name.replaceFirst("\\.json$", "") + ".md");
    Files.writeString(json, ResultsJson.write(run));
    String markdown = write(run, Report.runDate(name), name, md, svg);
    System.out.println(markdown);
    System.out.println("Wrote " + json + ", " + md + " and " + svg);
  }

  /** One merged file, or every {@code *.json} of a directory merged (in name order). */
  static BlockingResults read(Path in) throws IOException {
    if (!Files.isDirectory(in)) {
      return ResultsJson.read(Files.readString(in));
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(in)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no *.json results in " + in);
    }
    List<Measurement> all = new ArrayList<>();
    BlockingResults first = null;
    for (Path f : files) {
      BlockingResults r = ResultsJson.read(Files.readString(f));
      first = first == null ? r : first;
      all.addAll(r.measurements());
    }
    return new BlockingResults(first.jvm(), first.machine(), first.loadBefore(), first.loadAfter(), first.command(), all);
  }

  /** Renders the Markdown and the chart; returns the Markdown. */
  public static String write(BlockingResults run, String date, String jsonName, Path md, Path svg) throws IOException {
    if (run.measurements().isEmpty()) {
      throw new IllegalArgumentException("no measurements in " + jsonName);
    }
    List<BlockingSummary.Case> cases = BlockingSummary.group(run.measurements());
    String markdown = BlockingMarkdown.render(cases, run, date, jsonName, svg.getFileName().toString());
    Files.writeString(md, markdown);
    Files.writeString(svg, chart(cases, run, date));
    return markdown;
  }

  private static String chart(List<BlockingSummary.Case> cases, BlockingResults run, String date) {
    List<SvgChart.Panel> panels = new ArrayList<>();
    for (BlockingSummary.Case c : cases) {
      boolean heap = c.scenario().equals("E");
      String metric = heap ? Metric.BYTES_OVER_PARK : Metric.FRACTION_OF_LIMIT;
      String title =
          heap
              ? "E. Heap per virtual thread blocked in acquire(), over a bare park (B, lower is better)"
              : c.scenario() + ". " + (c.scenario().equals("D") ? "Burst: ideal time ÷ time taken" : "Throughput ÷ limit")
                  + ", " + c.definition().describe().replaceFirst(", limit.*|: time until.*", "");
      panels.add(new SvgChart.Panel(title, bars(c, metric, heap)));
      if (!heap) {
        panels.add(new SvgChart.Panel(c.scenario() + ". CPU per operation (µs, lower is better)", bars(c, Metric.CPU_US_PER_OP, true)));
      }
    }
    String load = run.loadBefore().isEmpty() ? "" : " · load avg " + run.loadBefore() + " → " + run.loadAfter();
    return SvgChart.render(
        "Poolkit vs peers, objects held across blocking calls (medians over the forks)",
        date + " · " + run.machine() + " · " + run.jvm() + load,
        panels);
  }

  private static List<SvgChart.Bar> bars(BlockingSummary.Case c, String metric, boolean lowerIsBetter) {
    BlockingSummary.Row poolkit = c.row(Pools.POOLKIT);
    List<SvgChart.Bar> bars = new ArrayList<>();
    for (BlockingSummary.Row r : c.rows()) {
      double v = r.median(metric);
      String text = Report.fmt(v);
      if (poolkit != null && r != poolkit && Pools.isPeer(r.pool()) && v > 0) {
        double ratio = lowerIsBetter ? v / poolkit.median(metric) : poolkit.median(metric) / v;
        text += "  (Poolkit " + Report.fmt(ratio) + "× as good)";
      }
      bars.add(new SvgChart.Bar(Pools.label(r.pool()), v, text, SvgChart.color(r.pool())));
    }
    return bars;
  }
}
