package dev.poolkit.benchmarks;

import dev.poolkit.benchmarks.pools.BenchPool;
import dev.poolkit.benchmarks.pools.Pools;
import dev.poolkit.benchmarks.support.LatencyHistogram;
import dev.poolkit.benchmarks.support.Metrics;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
 * Scenario 3: a storm of virtual threads over a pool of 10. Each invocation releases {@code
 * vthreads} virtual threads at once (started and parked beforehand, outside the timing); together
 * they make {@value #OPS} acquires, each followed by about a microsecond of work ({@code
 * Blackhole.consumeCPU(cpuTokens)}) and a release. The score is acquires per second. With the
 * {@code MetricsProfiler} it also reports the acquire wait (call to return of the acquire):
 * {@code wait.p50}, {@code wait.p99}, {@code wait.p99.9} in microseconds.
 *
 * <p>Run (from the repository root, a JDK 21+ {@code java}):
 *
 * <pre>{@code
 * ./mvnw -B -q -pl benchmarks -am package -Dmaven.test.skip=true
 * java -jar benchmarks/target/benchmarks.jar VirtualThreads -prof gc \
 *     -prof dev.poolkit.benchmarks.support.MetricsProfiler
 * }</pre>
 *
 * or {@code benchmarks/run.sh quick VirtualThreads} for the report and chart too.
 */
@State(Scope.Benchmark)
@Threads(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class VirtualThreads {
  /** Acquires per invocation, split evenly over the virtual threads. */
  static final int OPS = 1_000_000;

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

  @Param({"1000", "10000"})
  public int vthreads;

  @Param("10")
  public int poolSize;

  /** About 1 µs of work while the object is held (calibrated on the 2-core reference machine). */
  @Param("500")
  public int cpuTokens;

  /**
   * Whether the holder also gives up its carrier while holding the object ({@code Thread.yield()},
   * as a blocking call would). Off by default, as issue #3 specifies: then a virtual thread never
   * unmounts while it holds an object, so with 2 carriers and 10 objects an acquire almost never
   * finds the pool empty and the waiting happens in the scheduler, not in the pool. On ({@code -p
   * holderYields=true}), thousands of threads really queue for the 10 objects.
   */
  @Param("false")
  public boolean holderYields;

  private BenchPool<Object> bench;
  private final LatencyHistogram waits = new LatencyHistogram();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private CountDownLatch gate;
  private CountDownLatch done;

  @Setup
  public void open() throws Exception {
    if (OPS % vthreads != 0) {
      throw new IllegalArgumentException("vthreads must divide " + OPS);
    }
    bench = Pools.open(pool, poolSize);
  }

  @TearDown
  public void close() throws Exception {
    bench.close();
  }

  @Setup(Level.Iteration)
  public void resetWaits() {
    waits.reset();
  }

  @TearDown(Level.Iteration)
  public void publishWaits() {
    Metrics.publish("wait.p50", waits.percentile(50) / 1000, "us");
    Metrics.publish("wait.p99", waits.percentile(99) / 1000, "us");
    Metrics.publish("wait.p99.9", waits.percentile(99.9) / 1000, "us");
  }

  /** Starts the virtual threads and lets each park at the gate; not timed. */
  @Setup(Level.Invocation)
  public void startThreads() throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(vthreads);
    gate = new CountDownLatch(1);
    done = new CountDownLatch(vthreads);
    int each = OPS / vthreads;
    CountDownLatch start = gate;
    CountDownLatch finished = done;
    for (int i = 0; i < vthreads; i++) {
      Thread.ofVirtual()
          .start(
              () -> {
                ready.countDown();
                try {
                  start.await();
                  work(each);
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                } finally {
                  finished.countDown();
                }
              });
    }
    ready.await();
  }

  private void work(int ops) throws Exception {
    BenchPool<Object> pool = bench;
    for (int i = 0; i < ops; i++) {
      long start = System.nanoTime();
      Object handle = pool.acquire();
      waits.record(System.nanoTime() - start);
      try {
        Blackhole.consumeCPU(cpuTokens);
        if (holderYields) {
          Thread.yield();
        }
        Blackhole.consumeCPU(pool.object(handle).id & 1);
      } finally {
        pool.release(handle);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public void storm() throws Throwable {
    gate.countDown();
    done.await();
    Throwable e = failure.getAndSet(null);
    if (e != null) {
      throw e;
    }
  }
}
