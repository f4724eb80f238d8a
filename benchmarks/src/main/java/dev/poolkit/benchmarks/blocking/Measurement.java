package dev.poolkit.benchmarks.blocking;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one JVM measured for one pool in one scenario: named numbers (see {@link Metric}).
 *
 * @param fork which JVM of the run (1-based), so the report can take medians over JVMs
 */
public record Measurement(String scenario, String pool, int fork, Map<String, Double> values) {
  public Measurement {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The value of {@code metric}, or NaN when it was not measured. */
  public double get(String metric) {
    Double v = values.get(metric);
    return v == null ? Double.NaN : v;
  }
}
