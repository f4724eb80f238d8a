package dev.poolkit.benchmarks.blocking;

import java.util.List;
import java.util.Objects;

/**
 * The measurements of one or more JVMs of a blocking-hold run, with what the report says about
 * the run: the JVM and machine, the load average around it, and the command that made it.
 */
public record BlockingResults(
    String jvm, String machine, String loadBefore, String loadAfter, String command,
    List<Measurement> measurements) {
  public BlockingResults {
    measurements = List.copyOf(Objects.requireNonNull(measurements, "measurements"));
  }

  /** The JVM and machine this code runs on. */
  public static BlockingResults here(List<Measurement> measurements) {
    return new BlockingResults(
        "JDK " + System.getProperty("java.version") + ", " + System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
            + System.getProperty("os.arch"),
        "", "", "", measurements);
  }
}
