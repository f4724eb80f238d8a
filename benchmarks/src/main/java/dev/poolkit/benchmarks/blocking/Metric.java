package dev.poolkit.benchmarks.blocking;

/** The names of the numbers a {@link Measurement} holds. */
public final class Metric {
  /** Operations (acquire, hold, release) completed in the measured window. */
  public static final String OPS = "ops";
  /** Length of the measured window (steady state) or of the whole burst, in seconds. */
  public static final String SECONDS = "seconds";
  public static final String OPS_PER_SECOND = "opsPerSecond";
  /** Throughput over the scenario's limit (steady), or the ideal burst time over the real one. */
  public static final String FRACTION_OF_LIMIT = "fractionOfLimit";
  /** Acquire wait (call to return of acquire), microseconds. */
  public static final String WAIT_P50_US = "waitP50Us";
  public static final String WAIT_P99_US = "waitP99Us";
  public static final String WAIT_MAX_US = "waitMaxUs";
  /** Operations of the least and the most served thread in the window. */
  public static final String MIN_THREAD_OPS = "minThreadOps";
  public static final String MAX_THREAD_OPS = "maxThreadOps";
  /** {@link #MIN_THREAD_OPS} / {@link #MAX_THREAD_OPS}: 1 = every thread served alike. */
  public static final String FAIRNESS = "fairness";
  /** Threads that completed no operation in the window. */
  public static final String UNSERVED_THREADS = "unservedThreads";
  public static final String THREADS = "threads";
  /** Process CPU time (all threads: carriers, GC, JIT) over the window, per operation, µs. */
  public static final String CPU_US_PER_OP = "cpuUsPerOp";
  /** Scenario E: heap retained per virtual thread blocked in acquire(), bytes. */
  public static final String BYTES_PER_WAITER = "bytesPerWaiter";
  /** Scenario E: heap retained per virtual thread in a bare {@code LockSupport.park()}, bytes. */
  public static final String BYTES_PER_PARK = "bytesPerPark";
  /** Scenario E: the same in {@code LockSupport.parkNanos(60 s)}: a park with a timer. */
  public static final String BYTES_PER_TIMED_PARK = "bytesPerTimedPark";
  /** Scenario E: {@link #BYTES_PER_WAITER} minus {@link #BYTES_PER_PARK}: what the pool adds. */
  public static final String BYTES_OVER_PARK = "bytesOverPark";

  private Metric() {}
}
