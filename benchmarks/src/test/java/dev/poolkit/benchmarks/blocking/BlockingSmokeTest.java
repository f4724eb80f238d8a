package dev.poolkit.benchmarks.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolkit.benchmarks.pools.Pools;
import dev.poolkit.benchmarks.report.BlockingReport;
import dev.poolkit.benchmarks.report.ResultsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every blocking-hold scenario at tiny sizes for the baseline, Poolkit and one peer in this
 * JVM, then renders the report from the JSON: proves the harness and the report work, never how
 * fast anything is (no assertion on a throughput, a wait or a byte count).
 */
class BlockingSmokeTest {

  @Test
  void everyScenarioRunsAtTinySizesAndItsResultsRenderAsAReport(@TempDir Path dir) throws Exception {
    List<String> pools = List.of(Pools.NO_POOL, Pools.POOLKIT, Pools.SEMAPHORE_DEQUE);
    List<Measurement> measured = BlockingBench.run(pools, Scenario.smoke(), 1);

    assertEquals(5 + 5 + 4, measured.size(), "A-E per pool, no E without a pool: " + measured);
    for (Measurement m : measured) {
      if (m.scenario().equals("E")) {
        assertTrue(Double.isFinite(m.get(Metric.BYTES_OVER_PARK)), m.toString());
        continue;
      }
      assertTrue(m.get(Metric.OPS) > 0, "no operation completed: " + m);
      // process CPU time advances in clock ticks (10 ms here): a tiny run may see none
      assertTrue(m.get(Metric.CPU_US_PER_OP) >= 0, "no CPU time measured: " + m);
      assertEquals(m.pool().equals(Pools.NO_POOL), Double.isNaN(m.get(Metric.WAIT_P99_US)), m.toString());
      if (m.scenario().equals("D")) {
        assertEquals(0, m.get(Metric.UNSERVED_THREADS), "a burst ends only when every thread is done: " + m);
        assertEquals(200, m.get(Metric.OPS), m.toString());
      }
    }

    Path json = dir.resolve("smoke-2026-01-01.json");
    Files.writeString(json, ResultsJson.write(BlockingResults.here(measured)));
    BlockingResults back = ResultsJson.read(Files.readString(json));
    assertEquals(measured, back.measurements());

    Path svg = dir.resolve("blocking.svg");
    String markdown = BlockingReport.write(back, "2026-01-01", json.getFileName().toString(), dir.resolve("smoke.md"), svg);
    assertTrue(markdown.contains("## Targets (issue 12)"), markdown);
    assertTrue(markdown.contains("## E. "), markdown);
    assertFalse(markdown.contains("NaN"), markdown);
    assertTrue(Files.readString(svg).startsWith("<svg"), "no SVG written");
  }
}
