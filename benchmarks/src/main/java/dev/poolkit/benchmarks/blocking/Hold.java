package dev.poolkit.benchmarks.blocking;

import java.util.concurrent.locks.LockSupport;

/** What a thread does while it holds a pooled object: a blocking call that gives up the CPU. */
public enum Hold {
  /** {@code Thread.sleep(1 ms)}: a typical short database or HTTP round trip. */
  SLEEP_1MS(1_000_000) {
    @Override
    void run() throws InterruptedException {
      Thread.sleep(1);
    }
  },
  /** {@code LockSupport.parkNanos(100 µs)}: a fast network round trip. */
  PARK_100US(100_000) {
    @Override
    void run() {
      LockSupport.parkNanos(100_000);
    }
  };

  private final long nanos;

  Hold(long nanos) {
    this.nanos = nanos;
  }

  /** How long one hold asks to block. */
  public long nanos() {
    return nanos;
  }

  abstract void run() throws InterruptedException;

  /** How the report names it. */
  public String describe() {
    return this == SLEEP_1MS ? "Thread.sleep(1 ms)" : "LockSupport.parkNanos(100 µs)";
  }
}
