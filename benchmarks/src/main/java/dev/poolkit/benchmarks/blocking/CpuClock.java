package dev.poolkit.benchmarks.blocking;

import java.lang.management.ManagementFactory;

/** Process CPU time: every thread of the JVM (carriers, platform threads, GC, JIT, timers). */
final class CpuClock {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private CpuClock() {}

  /** CPU nanoseconds used by this process so far. */
  static long processNanos() {
    long t = OS.getProcessCpuTime();
    if (t < 0) {
      throw new IllegalStateException("this JVM does not report process CPU time");
    }
    return t;
  }
}
