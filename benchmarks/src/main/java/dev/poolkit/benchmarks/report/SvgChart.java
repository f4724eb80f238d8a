package dev.poolkit.benchmarks.report;

import dev.poolkit.benchmarks.pools.Pools;
import java.util.List;

/**
 * A bar chart of throughput, one panel per scenario case, each panel on its own linear scale
 * (scenarios differ by orders of magnitude), written as plain SVG.
 */
final class SvgChart {
  private static final int WIDTH = 980;
  private static final int LABEL = 190;
  private static final int BAR_AREA = 560;
  private static final int ROW = 20;
  private static final int PANEL_HEAD = 34;
  private static final int TOP = 64;

  private SvgChart() {}

  static String render(List<ScenarioCase> cases, Report.RunInfo info) {
    int height = TOP + 20;
    for (ScenarioCase c : cases) {
      height += PANEL_HEAD + c.rows().size() * ROW + 12;
    }
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(height).append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    text(svg, 16, 24, "Poolkit vs peers: throughput, higher is better (each panel has its own scale)", 16, "bold", "#111827");
    String load =
        info.loadBefore().isEmpty() ? "" : " · load avg " + info.loadBefore() + " → " + info.loadAfter();
    text(svg, 16, 44, info.mode() + " run, " + info.date() + " · " + info.machine() + " · " + info.jvm() + load,
        11, "normal", "#4b5563");
    int y = TOP;
    for (ScenarioCase c : cases) {
      y = panel(svg, c, y);
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static int panel(StringBuilder svg, ScenarioCase c, int y) {
    text(svg, 16, y + 18, c.title() + " (" + c.unit() + ")", 13, "bold", "#111827");
    y += PANEL_HEAD;
    double max = c.rows().stream().mapToDouble(r -> r.primary().score()).max().orElse(1);
    BenchResult poolkit = c.poolkit();
    for (BenchResult r : c.rows()) {
      double score = r.primary().score();
      int len = max > 0 ? (int) Math.round(BAR_AREA * score / max) : 0;
      text(svg, LABEL - 8, y + 14, Pools.label(r.pool()), 11, "normal", "#111827", "end");
      svg.append("<rect x=\"").append(LABEL).append("\" y=\"").append(y + 3).append("\" width=\"")
          .append(Math.max(1, len)).append("\" height=\"").append(ROW - 6).append("\" fill=\"")
          .append(color(r.pool())).append("\"/>\n");
      String label = Report.fmt(score);
      if (poolkit != null && r != poolkit && score > 0) {
        label += "  (Poolkit " + Report.fmt(poolkit.primary().score() / score) + "×)";
      }
      text(svg, LABEL + Math.max(1, len) + 6, y + 14, label, 11, "normal", "#374151");
      y += ROW;
    }
    return y + 12;
  }

  private static String color(String pool) {
    return switch (pool) {
      case Pools.POOLKIT -> "#1d4ed8";
      case Pools.POOLKIT_FIFO -> "#60a5fa";
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
