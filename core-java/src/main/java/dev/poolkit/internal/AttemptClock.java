package dev.poolkit.internal;

/** What is left of an acquire's deadline for its next attempt (a keyed acquire retried after a drop). */
final class AttemptClock {
  private final long nanos;
  private final long start = System.nanoTime();

  AttemptClock(long nanos) {
    this.nanos = nanos;
  }

  /** The time left, never negative; "for ever" stays for ever. */
  long left() {
    if (nanos >= SlotPool.FOREVER) {
      return nanos;
    }
    return Math.max(0, nanos - (System.nanoTime() - start));
  }
}
