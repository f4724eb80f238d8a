package dev.poolkit.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolkit.benchmarks.blocking.BlockingResults;
import dev.poolkit.benchmarks.blocking.Measurement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's JSON reading: JMH result files and blocking-hold results. */
class BenchResultTest {

  @Test
  void readsTheShapesJmhWrites() {
    List<BenchResult> results =
        BenchResult.readAll(
            "[ {\"benchmark\" : \"a.B.c\", \"params\" : {\"pool\" : \"x\", \"n\" : 10},"
                + " \"jdkVersion\" : \"25\", \"vmName\" : \"VM\", \"vmVersion\" : \"1\","
                + " \"primaryMetric\" : {\"score\" : 1.5E-3, \"scoreError\" : \"NaN\", \"scoreUnit\" : \"ops/us\","
                + " \"rawData\" : [[1, -2.5], []]},"
                + " \"secondaryMetrics\" : {\"wait\" : {\"score\" : 2, \"scoreError\" : 0.5, \"scoreUnit\" : \"µs\"}} } ]");
    assertEquals(1, results.size());
    BenchResult r = results.get(0);
    assertEquals("B", r.scenario());
    assertEquals("c", r.method());
    assertEquals(Map.of("pool", "x", "n", "10"), r.params());
    assertEquals(new BenchResult.Metric(0.0015, Double.NaN, "ops/us", 1.0), r.primary());
    assertEquals(new BenchResult.Metric(2, 0.5, "µs", Double.NaN), r.secondary().get("wait"));
    assertEquals("25", r.jdk());
    assertEquals("VM 1", r.vm());
  }

  @Test
  void rejectsTrailingGarbageAndNamesJson() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchResult.readAll("[] x"));
    assertTrue(e.getMessage().startsWith("JSON: "), e.getMessage());
  }

  @Test
  void blockingResultsRoundTripIncludingAValueNotMeasured() {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("ops", 12.0);
    values.put("waitP99Us", Double.NaN);
    BlockingResults run =
        new BlockingResults("JDK 25", "2 cores", "1.0", "2.0", "run.sh \"blocking\"",
            List.of(new Measurement("A", "poolkit", 2, values)));

    BlockingResults back = ResultsJson.read(ResultsJson.write(run));

    assertEquals(run, back);
    assertTrue(Double.isNaN(back.measurements().get(0).get("waitP99Us")));
  }

  @Test
  void aFileWithoutMeasurementsIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultsJson.read("{\"jvm\": \"x\"}"));
    assertTrue(e.getMessage().contains("measurements"), e.getMessage());
  }
}
