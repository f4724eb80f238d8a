package dev.poolkit.benchmarks;

import dev.poolkit.Lease;
import dev.poolkit.Pool;
import dev.poolkit.ReuseOrder;
import dev.poolkit.benchmarks.pools.PoolkitPool;
import dev.poolkit.benchmarks.pools.Pools;
import dev.poolkit.benchmarks.pools.Res;
import dev.poolkit.benchmarks.support.Metrics;
import dev.poolkit.benchmarks.support.WaiterFootprint;
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

/**
 * Scenario 4: {@value #WAITERS} outstanding {@code acquireAsync()} over a pool of 10. Poolkit only:
 * none of the peers (Stormpot, Commons Pool 2, Vibur, HikariCP's bag, a semaphore) has an
 * acquire that holds no thread.
 *
 * <p>Each invocation holds all 10 objects, queues {@value #WAITERS} {@code acquireAsync()} whose
 * continuation releases the lease at once, then releases the 10: the objects travel down the queue
 * of waiters, each hand-off completing a future on the pool's async executor (a new virtual thread
 * by default). The score is served async acquires per second.
 *
 * <p>With the {@code MetricsProfiler} it reports the heap retained per waiting acquirer (see
 * {@link WaiterFootprint}, 100,000 waiters, after full GCs): {@code waiter.bytes} for the default
 * {@code acquireAsync()} (which has a deadline, so a timer task) and {@code
 * waiter.bytes.noDeadline}. {@code -prof gc} adds the bytes allocated per served acquire.
 *
 * <p>Run (from the repository root, a JDK 21+ {@code java}):
 *
 * <pre>{@code
 * ./mvnw -B -q -pl benchmarks -am package -Dmaven.test.skip=true
 * java -jar benchmarks/target/benchmarks.jar AsyncAcquire -prof gc \
 *     -prof dev.poolkit.benchmarks.support.MetricsProfiler
 * }</pre>
 *
 * or {@code benchmarks/run.sh quick AsyncAcquire} for the report and chart too.
 */
@State(Scope.Benchmark)
@Threads(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AsyncAcquire {
  static final int WAITERS = 10_000;
  private static final int FOOTPRINT_WAITERS = 100_000;

  @Param({Pools.POOLKIT, Pools.POOLKIT_FIFO})
  public String pool;

  @Param("10")
  public int poolSize;

  private Pool<Res> poolkit;
  private Lease<?>[] held;
  private double bytesPerWaiter;
  private double bytesPerWaiterNoDeadline;

  @Setup
  public void open() {
    ReuseOrder order = pool.equals(Pools.POOLKIT_FIFO) ? ReuseOrder.FIFO : ReuseOrder.ANY;
    poolkit = PoolkitPool.build(poolSize, order);
    held = new Lease<?>[poolSize];
    WaiterFootprint.withDeadline(poolkit, FOOTPRINT_WAITERS / 10); // warm the async path
    bytesPerWaiter = WaiterFootprint.withDeadline(poolkit, FOOTPRINT_WAITERS);
    bytesPerWaiterNoDeadline = WaiterFootprint.withoutDeadline(poolkit, FOOTPRINT_WAITERS);
  }

  @TearDown
  public void close() {
    poolkit.close();
  }

  @TearDown(Level.Iteration)
  public void publishFootprint() {
    Metrics.publish("waiter.bytes", bytesPerWaiter, "B");
    Metrics.publish("waiter.bytes.noDeadline", bytesPerWaiterNoDeadline, "B");
  }

  @Benchmark
  @OperationsPerInvocation(WAITERS)
  public void queueOfWaiters() throws Throwable {
    for (int i = 0; i < held.length; i++) {
      held[i] = poolkit.tryAcquire();
    }
    CountDownLatch served = new CountDownLatch(WAITERS);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int i = 0; i < WAITERS; i++) {
      poolkit
          .acquireAsync()
          .whenComplete(
              (lease, error) -> {
                if (lease != null) {
                  lease.close();
                } else {
                  failure.compareAndSet(null, error);
                }
                served.countDown();
              });
    }
    for (int i = 0; i < held.length; i++) {
      held[i].close();
      held[i] = null;
    }
    served.await();
    Throwable e = failure.get();
    if (e != null) {
      throw e;
    }
  }
}
