package dev.poolkit.benchmarks;

import dev.poolkit.benchmarks.pools.BenchPool;
import dev.poolkit.benchmarks.pools.Pools;
import dev.poolkit.benchmarks.pools.Res;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Scenario 1: acquire + release with no contention: one platform thread, a pool of 10 objects
 * made up front. The cost of the fast path and nothing else.
 *
 * <p>Run (from the repository root, a JDK 21+ {@code java}):
 *
 * <pre>{@code
 * ./mvnw -B -q -pl benchmarks -am package -Dmaven.test.skip=true
 * java -jar benchmarks/target/benchmarks.jar Uncontended -prof gc
 * }</pre>
 *
 * or {@code benchmarks/run.sh quick Uncontended} for the report and chart too.
 */
@State(Scope.Benchmark)
@Threads(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Uncontended {

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

  @Param("10")
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

  @Benchmark
  public Res acquireRelease() throws Exception {
    Object handle = bench.acquire();
    Res res = bench.object(handle);
    bench.release(handle);
    return res;
  }
}
