package dev.poolkit.benchmarks;

import dev.poolkit.benchmarks.pools.BenchPool;
import dev.poolkit.benchmarks.pools.Pools;
import dev.poolkit.benchmarks.pools.Res;
import dev.poolkit.benchmarks.support.SpscRing;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scenario 5: acquire on one thread, release on another. The benchmark thread acquires and passes
 * the handle through a single-producer single-consumer ring to a releasing platform thread (two
 * threads, two cores), as a request handed from an accepting thread to a worker would. A pool that
 * caches the last object per thread (Stormpot's thread-safe tap, HikariCP's bag) finds its cache
 * always stale here. The score is acquires per microsecond on the acquiring thread.
 *
 * <p>Run (from the repository root, a JDK 21+ {@code java}):
 *
 * <pre>{@code
 * ./mvnw -B -q -pl benchmarks -am package -Dmaven.test.skip=true
 * java -jar benchmarks/target/benchmarks.jar Handoff -prof gc
 * }</pre>
 *
 * or {@code benchmarks/run.sh quick Handoff} for the report and chart too.
 */
@State(Scope.Benchmark)
@Threads(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Handoff {

  @Param({
    Pools.POOLKIT,
    Pools.POOLKIT_FIFO,
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

  /**
   * Work on the acquiring thread per acquire (50 tokens, about 100 ns): enough that the releasing
   * thread keeps up, so the pool does not run dry and the score measures the cross-thread
   * acquire and release rather than how fast the OS wakes a parked thread.
   */
  @Param("50")
  public int cpuTokens;

  private BenchPool<Object> bench;
  private SpscRing<Object> ring;
  private volatile boolean releasing;
  private Thread releaser;

  @Setup
  public void open() throws Exception {
    bench = Pools.open(pool, poolSize);
    ring = new SpscRing<>(poolSize); // never full: at most poolSize handles exist
  }

  @TearDown
  public void close() throws Exception {
    bench.close();
  }

  /**
   * The releaser runs until the iteration's last acquire is done (it must, or that acquire could
   * wait for an object parked in the ring), then gives back what is left.
   */
  @Setup(Level.Iteration)
  public void startReleaser() {
    releasing = true;
    releaser =
        Thread.ofPlatform()
            .name("handoff-releaser")
            .daemon()
            .start(
                () -> {
                  BenchPool<Object> pool = bench;
                  SpscRing<Object> in = ring;
                  while (releasing) {
                    Object handle = in.poll();
                    if (handle != null) {
                      pool.release(handle);
                    } else {
                      Thread.onSpinWait();
                    }
                  }
                  for (Object handle; (handle = in.poll()) != null; ) {
                    pool.release(handle);
                  }
                });
  }

  @TearDown(Level.Iteration)
  public void stopReleaser() throws InterruptedException {
    releasing = false;
    releaser.join();
  }

  @Benchmark
  public Res acquireHere() throws Exception {
    Object handle = bench.acquire();
    Res res = bench.object(handle);
    Blackhole.consumeCPU(cpuTokens);
    if (!ring.offer(handle)) {
      throw new IllegalStateException("ring full: more handles out than the pool has objects");
    }
    return res;
  }
}
