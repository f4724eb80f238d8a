package dev.poolkit.benchmarks.report;

import dev.poolkit.benchmarks.blocking.BlockingResults;
import dev.poolkit.benchmarks.blocking.Measurement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of {@link BlockingResults}: an object with the run's description and {@code
 * measurements}, each {@code {"scenario", "pool", "fork", "values": {name: number}}}; a value
 * that could not be measured is {@code null}.
 */
public final class ResultsJson {
  private ResultsJson() {}

  public static String write(BlockingResults results) {
    StringBuilder out = new StringBuilder("{\n");
    field(out, "jvm", results.jvm());
    field(out, "machine", results.machine());
    field(out, "loadBefore", results.loadBefore());
    field(out, "loadAfter", results.loadAfter());
    field(out, "command", results.command());
    out.append("  \"measurements\": [");
    String sep = "\n";
    for (Measurement m : results.measurements()) {
      out.append(sep).append("    {\"scenario\": ").append(quote(m.scenario()))
          .append(", \"pool\": ").append(quote(m.pool()))
          .append(", \"fork\": ").append(m.fork())
          .append(", \"values\": {");
      String inner = "";
      for (Map.Entry<String, Double> v : m.values().entrySet()) {
        double d = v.getValue();
        out.append(inner).append(quote(v.getKey())).append(": ")
            .append(Double.isFinite(d) ? Double.toString(d) : "null");
        inner = ", ";
      }
      out.append("}}");
      sep = ",\n";
    }
    return out.append("\n  ]\n}\n").toString();
  }

  @SuppressWarnings("unchecked")
  public static BlockingResults read(String json) {
    if (!(Json.parse(json) instanceof Map<?, ?> root) || !(root.get("measurements") instanceof List<?> items)) {
      throw new IllegalArgumentException("not a blocking-hold results file: no \"measurements\" array");
    }
    List<Measurement> out = new ArrayList<>();
    for (Object item : items) {
      Map<String, Object> m = (Map<String, Object>) item;
      Map<String, Double> values = new LinkedHashMap<>();
      ((Map<String, Object>) m.get("values"))
          .forEach((k, v) -> values.put(k, v == null ? Double.NaN : ((Number) v).doubleValue()));
      out.add(
          new Measurement(
              (String) m.get("scenario"), (String) m.get("pool"), ((Number) m.get("fork")).intValue(), values));
    }
    return new BlockingResults(
        text(root, "jvm"), text(root, "machine"), text(root, "loadBefore"), text(root, "loadAfter"),
        text(root, "command"), out);
  }

  private static String text(Map<?, ?> root, String key) {
    Object v = root.get(key);
    return v == null ? "" : v.toString();
  }

  private static void field(StringBuilder out, String key, String value) {
    out.append("  ").append(quote(key)).append(": ").append(quote(value)).append(",\n");
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
