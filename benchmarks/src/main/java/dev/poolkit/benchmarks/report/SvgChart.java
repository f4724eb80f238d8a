package dev.poolkit.benchmarks.report;

import dev.poolkit.benchmarks.pools.Pools;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.util.ArrayList;
import java.util.List;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/**
 * A bar chart, one panel per scenario case, each panel on its own linear scale (scenarios differ
 * by orders of magnitude), drawn with JFreeSVG's {@code SVGGraphics2D}.
 */
public final class SvgChart {
  private static final int WIDTH = 980;
  private static final int LABEL = 190;
  private static final int BAR_AREA = 560;
  private static final int ROW = 20;
  private static final int PANEL_HEAD = 34;
  private static final int TOP = 64;
  private static final String FONT = "Helvetica";

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

  /** Any chart of panels of bars, each panel on its own scale; returns the {@code <svg>} element. */
  public static String render(String title, String subtitle, List<Panel> panels) {
    int height = TOP + 20;
    for (Panel p : panels) {
      height += PANEL_HEAD + p.bars().size() * ROW + 12;
    }
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, height);
    g.setRenderingHint(SVGHints.KEY_DRAW_STRING_TYPE, SVGHints.VALUE_DRAW_STRING_TYPE_STANDARD);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setPaint(Color.WHITE);
    g.fillRect(0, 0, WIDTH, height);
    text(g, 16, 24, title, 16, true, "#111827", false);
    text(g, 16, 44, subtitle, 11, false, "#4b5563", false);
    int y = TOP;
    for (Panel p : panels) {
      y = panel(g, p, y);
    }
    return g.getSVGElement() + "\n";
  }

  private static int panel(SVGGraphics2D g, Panel p, int y) {
    text(g, 16, y + 18, p.title(), 13, true, "#111827", false);
    y += PANEL_HEAD;
    double max = p.bars().stream().mapToDouble(Bar::value).filter(Double::isFinite).max().orElse(1);
    for (Bar b : p.bars()) {
      double value = Double.isFinite(b.value()) ? b.value() : 0;
      int len = Math.max(1, max > 0 ? (int) Math.round(BAR_AREA * value / max) : 0);
      text(g, LABEL - 8, y + 14, b.label(), 11, false, "#111827", true);
      g.setPaint(Color.decode(b.color()));
      g.fillRect(LABEL, y + 3, len, ROW - 6);
      text(g, LABEL + len + 6, y + 14, b.text(), 11, false, "#374151", false);
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

  private static void text(
      SVGGraphics2D g, int x, int y, String s, int size, boolean bold, String color, boolean alignEnd) {
    g.setFont(new Font(FONT, bold ? Font.BOLD : Font.PLAIN, size));
    g.setPaint(Color.decode(color));
    int at = alignEnd ? x - g.getFontMetrics().stringWidth(s) : x;
    g.drawString(s, at, y);
  }
}
