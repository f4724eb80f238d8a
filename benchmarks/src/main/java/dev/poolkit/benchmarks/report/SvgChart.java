package dev.poolkit.benchmarks.report;

import dev.poolkit.benchmarks.pools.Pools;
import java.util.ArrayList;
import java.util.List;

/**
 * A bar chart of throughput, one panel per scenario case, each panel on its own linear scale
 * (scenarios differ by orders of magnitude), written as plain SVG.
 */
public final class SvgChart {
  private static final int WIDTH = 980;
  private static final int LABEL = 190;
  private static final int BAR_AREA = 560;
  private static final int ROW = 20;
  private static final int PANEL_HEAD = 34;
  private static final int TOP = 64;

  private SvgChart() {}

  /** One bar: its label left of it, its length from {@code value}, {@code text} right of it. */
  public record Bar(String label, double value, String text, String color) {}

  /** One panel: a title and bars on one linear scale (the largest bar spans the bar area). */
  public record Panel(String title, List<Bar> bars) {}

  /** The JMH throughput chart: one panel per scenario case. */
  static String render(List<ScenarioCase> cases, Report.RunInfo info) {
    String load =
        info.loadBefore().isEmpty() ? "" : " · load avg " + info.loadBefore() + " → " + info.loadAfter();
    List<Panel> panels = new ArrayList<>();
    for (ScenarioCase c : cases) {
      BenchResult poolkit = c.poolkit();
      List<Bar> bars = new ArrayList<>();
      for (BenchResult r : c.rows()) {
        double score = r.primary().score();
        String label = Report.fmt(score);
        if (poolkit != null && r != poolkit && score > 0) {
          label += "  (Poolkit " + Report.fmt(poolkit.primary().score() / score) + "×)";
        }
        bars.add(new Bar(Pools.label(r.pool()), score, label, color(r.pool())));
      }
      panels.add(new Panel(c.title() + " (" + c.unit() + ")", bars));
    }
    return render(
        "Poolkit vs peers: throughput, higher is better (each panel has its own scale)",
        info.mode() + " run, " + info.date() + " · " + info.machine() + " · " + info.jvm() + load,
        panels);
  }

  /** Any chart of panels of bars, each panel on its own scale. */
  public static String render(String title, String subtitle, List<Panel> panels) {
    int height = TOP + 20;
    for (Panel p : panels) {
      height += PANEL_HEAD + p.bars().size() * ROW + 12;
    }
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(height).append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    text(svg, 16, 24, title, 16, "bold", "#111827");
    text(svg, 16, 44, subtitle, 11, "normal", "#4b5563");
    int y = TOP;
    for (Panel p : panels) {
      y = panel(svg, p, y);
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static int panel(StringBuilder svg, Panel p, int y) {
    text(svg, 16, y + 18, p.title(), 13, "bold", "#111827");
    y += PANEL_HEAD;
    double max = p.bars().stream().mapToDouble(Bar::value).filter(Double::isFinite).max().orElse(1);
    for (Bar b : p.bars()) {
      double value = Double.isFinite(b.value()) ? b.value() : 0;
      int len = max > 0 ? (int) Math.round(BAR_AREA * value / max) : 0;
      text(svg, LABEL - 8, y + 14, b.label(), 11, "normal", "#111827", "end");
      svg.append("<rect x=\"").append(LABEL).append("\" y=\"").append(y + 3).append("\" width=\"")
          .append(Math.max(1, len)).append("\" height=\"").append(ROW - 6).append("\" fill=\"")
          .append(b.color()).append("\"/>\n");
      text(svg, LABEL + Math.max(1, len) + 6, y + 14, b.text(), 11, "normal", "#374151");
      y += ROW;
    }
    return y + 12;
  }

  /** The colour of a pool's bars: Poolkit's blues, the baseline dark, the peers grey. */
  public static String color(String pool) {
    return switch (pool) {
      case Pools.POOLKIT -> "#1d4ed8";
      case Pools.POOLKIT_FIFO -> "#60a5fa";
      case Pools.POOLKIT_LIFO -> "#93c5fd";
      case Pools.NO_POOL -> "#374151";
      default -> "#9ca3af";
    };
  }

  private static void text(StringBuilder svg, int x, int y, String s, int size, String weight, String fill) {
    text(svg, x, y, s, size, weight, fill, "start");
  }

  private static void text(
      StringBuilder svg, int x, int y, String s, int size, String weight, String fill, String anchor) {
    svg.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" font-size=\"").append(size)
        .append("\" font-weight=\"").append(weight).append("\" fill=\"").append(fill)
        .append("\" text-anchor=\"").append(anchor).append("\">").append(escape(s)).append("</text>\n");
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
