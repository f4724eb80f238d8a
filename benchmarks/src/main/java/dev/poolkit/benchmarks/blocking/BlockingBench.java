package dev.poolkit.benchmarks.blocking;

import dev.poolkit.benchmarks.pools.Pools;
import dev.poolkit.benchmarks.report.ResultsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Scenarios A to E of issue 12: pooled objects held across blocking calls, not CPU work. A plain
 * harness rather than JMH: the quantities (throughput against a sleep-bound limit, per-thread
 * service counts, process CPU per operation, heap per blocked thread) need a hand-made window, and
 * each run is seconds long, so JMH's iteration machinery would add nothing but its own threads.
 *
 * <ul>
 *   <li>A: 10,000 virtual threads, pool 10, hold {@code Thread.sleep(1 ms)}; limit 10,000 ops/s
 *   <li>B: 1,000 virtual threads, pool 10, hold {@code LockSupport.parkNanos(100 µs)}; limit 100,000 ops/s
 *   <li>C: 100 platform threads, pool 10, hold 1 ms sleep; limit 10,000 ops/s
 *   <li>D: 10,000 virtual threads start at once, one 1 ms operation each; time until all are done
 *   <li>E: heap per virtual thread blocked in acquire() (10,000 on a pool of 1), over a bare park
 * </ul>
 *
 * <p>One JVM measures the given pools one after the other and writes one JSON file; {@code
 * benchmarks/run.sh blocking [forks]} runs a JVM per pool per fork, fork after fork, and then
 * {@code dev.poolkit.benchmarks.report.BlockingReport} takes medians and ranges over the forks
 * and writes the Markdown report and the chart. By hand (from the repository root, a JDK 21+
 * {@code java}):
 *
 * <pre>{@code
 * ./mvnw -B -q -pl benchmarks -am package -Dmaven.test.skip=true
 * java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar dev.poolkit.benchmarks.blocking.BlockingBench \
 *     --pools poolkit,stormpot-vt [--scenarios A,D] [--fork 1] [--smoke] --out /tmp/blocking.json
 * }</pre>
 *
 * {@code --pools} takes {@link Pools} names and {@code none} (the hold alone, the ceiling);
 * {@code --smoke} runs tiny sizes (what the CI smoke test runs).
 */
public final class BlockingBench {
  private BlockingBench() {}

  public static void main(String[] args) throws Exception {
    List<String> pools = defaultPools();
    List<String> scenarios = List.of("A", "B", "C", "D", "E");
    int fork = 1;
    boolean smoke = false;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--pools" -> pools = Arrays.asList(value.split(","));
        case "--scenarios" -> scenarios = Arrays.asList(value.split(","));
        case "--fork" -> fork = Integer.parseInt(value);
        case "--out" -> out = Path.of(value);
        case "--smoke" -> {
          smoke = true;
          continue;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    if (out == null) {
      throw new IllegalArgumentException("--out <results JSON file> is required");
    }
    List<Measurement> results = run(pools, select(smoke ? Scenario.smoke() : Scenario.full(), scenarios), fork);
    Files.writeString(out, ResultsJson.write(BlockingResults.here(results)));
  }

  /** Every variant this harness knows: the no-pool baseline, Poolkit's orders, the peers. */
  public static List<String> allPools() {
    List<String> all = new ArrayList<>();
    all.add(Pools.NO_POOL);
    all.addAll(Pools.ALL);
    return all;
  }

  /**
   * What a run compares by default: all of {@link #allPools()} but Poolkit's LIFO order, which
   * the targets do not name (ANY is the default, E asks for FIFO too); {@code --pools} adds it.
   */
  public static List<String> defaultPools() {
    List<String> pools = new ArrayList<>(allPools());
    pools.remove(Pools.POOLKIT_LIFO);
    return pools;
  }

  /** Runs {@code scenarios} for each pool in turn, in this JVM. */
  public static List<Measurement> run(List<String> pools, List<Scenario> scenarios, int fork) throws Exception {
    for (String pool : pools) {
      if (!allPools().contains(pool)) {
        throw new IllegalArgumentException("unknown pool " + pool + "; known: " + allPools());
      }
    }
    List<Measurement> out = new ArrayList<>();
    for (String pool : pools) {
      for (Scenario s : scenarios) {
        if (s.kind() == Scenario.Kind.HEAP && pool.equals(Pools.NO_POOL)) {
          continue; // no pool, no waiter: the bare park is E's baseline already
        }
        Map<String, Double> values;
        try (Workload work = Workload.open(pool, s.poolSize(), s.hold())) {
          values =
              switch (s.kind()) {
                case STEADY -> SteadyRun.measure(s, work);
                case BURST -> BurstRun.measure(s, work);
                case HEAP -> WaiterHeap.measure(s, work);
              };
        }
        Measurement m = new Measurement(s.id(), pool, fork, values);
        System.out.println("fork " + fork + " " + s.id() + " " + pool + " " + values);
        out.add(m);
      }
    }
    return out;
  }

  /** The scenarios named in {@code ids}, in their own order. */
  static List<Scenario> select(List<Scenario> all, List<String> ids) {
    List<Scenario> out = new ArrayList<>();
    for (String id : ids) {
      out.add(
          all.stream()
              .filter(s -> s.id().equals(id))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + id + "; known: A, B, C, D, E")));
    }
    return out;
  }
}
