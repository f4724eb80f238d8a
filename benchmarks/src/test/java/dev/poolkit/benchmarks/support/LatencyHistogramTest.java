package dev.poolkit.benchmarks.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void everyValueFallsInsideItsBucket() {
    for (long v : new long[] {0, 1, 15, 16, 17, 31, 32, 1000, 123_456_789, Long.MAX_VALUE}) {
      int i = LatencyHistogram.index(v);
      assertTrue(LatencyHistogram.lowerBound(i) <= v && v <= LatencyHistogram.upperBound(i), "v=" + v);
    }
  }

  @Test
  void percentilesAreWithinThreePercent() {
    LatencyHistogram h = new LatencyHistogram();
    for (int v = 1; v <= 100_000; v++) {
      h.record(v);
    }
    assertEquals(100_000, h.count());
    assertEquals(50_000, h.percentile(50), 50_000 * 0.03);
    assertEquals(99_000, h.percentile(99), 99_000 * 0.03);
    assertEquals(99_900, h.percentile(99.9), 99_900 * 0.03);
  }
}
