package dev.poolkit.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a JMH JSON result file into a Markdown report (targets, then per scenario a table of
 * throughput with Poolkit ÷ peer ratios) and an SVG chart of throughput.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.poolkit.benchmarks.report.Report \
 *     --json benchmarks/results/quick-2026-11-22.json [--mode quick] \
 *     [--load-before "..."] [--load-after "..."] [--svg benchmarks/results/throughput.svg]
 * }</pre>
 *
 * The Markdown goes next to the JSON, with the same name ending in {@code .md}.
 */
public final class Report {
  /** What the report says about the run itself. */
  record RunInfo(
      String mode, String date, String machine, String jvm, String jmhSettings,
      String loadBefore, String loadAfter, String jsonName) {}

  private Report() {}

  public static void main(String[] args) throws IOException {
    Path json = null;
    Path svg = null;
    String mode = "ad hoc";
    String loadBefore = "";
    String loadAfter = "";
    String jmhSettings = "";
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--json" -> json = Path.of(value);
        case "--svg" -> svg = Path.of(value);
        case "--mode" -> mode = value;
        case "--load-before" -> loadBefore = value;
        case "--load-after" -> loadAfter = value;
        case "--jmh" -> jmhSettings = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    if (json == null) {
      throw new IllegalArgumentException("--json <JMH result file> is required");
    }
    Path dir = json.toAbsolutePath().getParent();
    if (svg == null) {
      svg = dir.resolve("throughput.svg");
    }
    String name = json.getFileName().toString();
    Path md = dir.resolve(name.replaceFirst("\\.json$", "") + ".md");
    String markdown = write(Files.readString(json), mode, loadBefore, loadAfter, jmhSettings, name, md, svg);
    System.out.println(markdown);
    System.out.println("Wrote " + md + " and " + svg);
  }

  /** Renders both outputs; returns the Markdown. */
  static String write(
      String json, String mode, String loadBefore, String loadAfter, String jmhSettings,
      String jsonName, Path md, Path svg) throws IOException {
    List<BenchResult> results = BenchResult.readAll(json);
    if (results.isEmpty()) {
      throw new IllegalArgumentException("no results in " + jsonName);
    }
    List<ScenarioCase> cases = ScenarioCase.group(results);
    BenchResult first = results.get(0);
    RunInfo info =
        new RunInfo(
            mode,
            runDate(jsonName),
            Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch"),
            "JDK " + first.jdk() + ", " + first.vm(),
            jmhSettings.isEmpty() ? "see the JSON" : jmhSettings,
            loadBefore,
            loadAfter,
            jsonName);
    String markdown = MarkdownReport.render(cases, info);
    Files.writeString(md, markdown);
    Files.writeString(svg, SvgChart.render(cases, info));
    return markdown;
  }

  /** The date in a {@code <mode>-<yyyy-mm-dd>.json} name, else today. */
  static String runDate(String jsonName) {
    Matcher m = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})").matcher(jsonName);
    return m.find() ? m.group(1) : LocalDate.now().toString();
  }

  /** Three significant digits, no exponent: 0.0123, 1.23, 123, 12,345. */
  static String fmt(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "–";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    if (a == 0) {
      return "0";
    }
    int digits = Math.min(6, 2 - (int) Math.floor(Math.log10(a)));
    return String.format(Locale.ROOT, "%." + digits + "f", v);
  }
}
