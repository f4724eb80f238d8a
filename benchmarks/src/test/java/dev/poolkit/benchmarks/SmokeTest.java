package dev.poolkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolkit.benchmarks.pools.Pools;
import dev.poolkit.benchmarks.report.ReportSmoke;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one scenario for one short iteration in this JVM, then renders its report: proves the
 * benchmarks and the report work, never how fast anything is (no assertion on a score).
 */
class SmokeTest {

  @Test
  void oneScenarioRunsAndItsResultRendersAsAReport(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("smoke.json");
    Options options =
        new OptionsBuilder()
            .include(Uncontended.class.getName() + ".acquireRelease")
            .param("pool", Pools.POOLKIT)
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            .addProfiler(dev.poolkit.benchmarks.support.MetricsProfiler.class)
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString())
            .shouldFailOnError(true)
            .build();

    Collection<RunResult> results = new Runner(options).run();

    assertEquals(1, results.size());
    RunResult result = results.iterator().next();
    assertEquals(Pools.POOLKIT, result.getParams().getParam("pool"));
    assertTrue(result.getPrimaryResult().getSampleCount() > 0, "no sample came back");

    Path svg = dir.resolve("throughput.svg");
    String markdown = ReportSmoke.render(json, dir.resolve("smoke.md"), svg);
    assertTrue(markdown.contains("1. Uncontended"), markdown);
    assertTrue(Files.readString(svg).startsWith("<svg"), "no SVG written");
    assertFalse(markdown.contains("NaN"), markdown);
  }
}
