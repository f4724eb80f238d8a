package dev.poolkit.benchmarks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Not a pool: the atomic operations of one uncontended acquire + release alone, on one padded state
 * word, 1 platform thread. The floor under scenario 1, measured in the same run:
 *
 * <ul>
 *   <li>{@code cas-cas}: a CAS to take, a CAS to give back (Poolkit: the release CAS makes a double
 *       or racing release a no-op, PY-B2, and orders the release before its look at the waiters);
 *   <li>{@code cas-volatile}: a CAS to take, a volatile store to give back (what a release without
 *       the CAS would still need: its store must be ordered before reading whether anyone waits);
 *   <li>{@code cas-lazyset}: a CAS to take, a release store ({@code lazySet}) to give back
 *       (Stormpot's tap, which does not look for waiters after its store).
 * </ul>
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar Floor
 * }</pre>
 */
@State(Scope.Thread)
@Threads(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Floor {
  static final String CAS_CAS = "cas-cas";
  static final String CAS_VOLATILE = "cas-volatile";
  static final String CAS_LAZYSET = "cas-lazyset";
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Floor.class, "state", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Param({CAS_CAS, CAS_VOLATILE, CAS_LAZYSET})
  public String pool;

  /** {@link #pool} as a number, so the measured loop branches on an int, not a string. */
  private int mode;

  @SuppressWarnings("unused")
  private long p0, p1, p2, p3, p4, p5, p6;

  private volatile long state;

  @SuppressWarnings("unused")
  private long q0, q1, q2, q3, q4, q5, q6;

  @Setup
  public void mode() {
    mode = switch (pool) {
      case CAS_CAS -> 0;
      case CAS_VOLATILE -> 1;
      case CAS_LAZYSET -> 2;
      default -> throw new IllegalArgumentException("pool must be one of " + CAS_CAS + ", " + CAS_VOLATILE
          + ", " + CAS_LAZYSET + "; was " + pool);
    };
  }

  @Benchmark
  public long acquireRelease() {
    long idle = state;
    long leased = idle + 1;
    if (!STATE.compareAndSet(this, idle, leased)) {
      throw new IllegalStateException("uncontended CAS failed");
    }
    switch (mode) {
      case 0 -> STATE.compareAndSet(this, leased, leased + 1);
      case 1 -> STATE.setVolatile(this, leased + 1);
      default -> STATE.setRelease(this, leased + 1);
    }
    return leased;
  }
}
