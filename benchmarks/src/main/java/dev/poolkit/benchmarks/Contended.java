package dev.poolkit.benchmarks;

import dev.poolkit.benchmarks.pools.BenchPool;
import dev.poolkit.benchmarks.pools.Pools;
import dev.poolkit.benchmarks.pools.Res;
import dev.poolkit.benchmarks.support.Metrics;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 2: two platform threads (all cores of the reference machine) acquire + release in a
 * loop over a pool of 1 (every acquire but one waits for the other thread's release) and of 10
 * (enough for both: the cost is cache-line traffic between cores). Beside throughput it reports
 * {@code fairness}: the fewest acquires one thread made over the most (with the {@code
 * MetricsProfiler}); a pool of 1 that lets one thread keep the object scores high throughput and
 * low fairness.
 *
 * <p>Run (from the repository root, a JDK 21+ {@code java}):
 *
 * <pre>{@code
 * ./mvnw -B -q -pl benchmarks -am package -Dmaven.test.skip=true
 * java -jar benchmarks/target/benchmarks.jar Contended -prof gc \
 *     -prof dev.poolkit.benchmarks.support.MetricsProfiler
 * }</pre>
 *
 * or {@code benchmarks/run.sh quick Contended} for the report and chart too.
 */
@State(Scope.Benchmark)
@Threads(2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Contended {

  @Param({
    Pools.POOLKIT,
    Pools.POOLKIT_FIFO,
    Pools.POOLKIT_LIFO,
    Pools.STORMPOT,
    Pools.STORMPOT_VT,
    Pools.COMMONS_POOL2,
    Pools.VIBUR,
    Pools.HIKARI_BAG,
    Pools.SEMAPHORE_DEQUE
  })
  public String pool;

  @Param({"1", "10"})
  public int poolSize;

  private BenchPool<Object> bench;

  @Setup
  public void open() throws Exception {
    bench = Pools.open(pool, poolSize);
  }

  @TearDown
  public void close() throws Exception {
    bench.close();
  }

  /** Counts one thread's acquires, for the fairness metric. */
  @State(Scope.Thread)
  public static class PerThread {
    long ops;

    @Setup(Level.Iteration)
    public void reset() {
      ops = 0;
    }

    @TearDown(Level.Iteration)
    public void publish() {
      Metrics.threadOps(ops);
    }
  }

  @Benchmark
  public Res acquireRelease(PerThread thread) throws Exception {
    Object handle = bench.acquire();
    Res res = bench.object(handle);
    bench.release(handle);
    thread.ops++;
    return res;
  }
}
