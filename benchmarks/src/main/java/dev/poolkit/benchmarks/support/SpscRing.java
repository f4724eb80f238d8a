package dev.poolkit.benchmarks.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded single-producer single-consumer ring: the cheapest way to move a handle from the
 * acquiring thread to the releasing one, so the hand-off scenario measures the pool, not a queue.
 * One release-store per offer and per poll; no allocation.
 */
public final class SpscRing<E> {
  private static final VarHandle HEAD;
  private static final VarHandle TAIL;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(SpscRing.class, "head", long.class);
      TAIL = lookup.findVarHandle(SpscRing.class, "tail", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Object[] buffer;
  private final int mask;

  // The producer writes tail, the consumer head; the padding keeps them on separate lines.
  @SuppressWarnings("unused")
  private long p0, p1, p2, p3, p4, p5, p6, p7;

  private volatile long head;

  @SuppressWarnings("unused")
  private long q0, q1, q2, q3, q4, q5, q6, q7;

  private volatile long tail;

  @SuppressWarnings("unused")
  private long r0, r1, r2, r3, r4, r5, r6, r7;

  /** A ring holding at least {@code capacity} elements. */
  public SpscRing(int capacity) {
    int size = Integer.highestOneBit(Math.max(2, capacity - 1) << 1);
    this.buffer = new Object[size];
    this.mask = size - 1;
  }

  /** Producer only. False if full. */
  public boolean offer(E e) {
    long t = (long) TAIL.getOpaque(this);
    if (t - (long) HEAD.getAcquire(this) > mask) {
      return false;
    }
    buffer[(int) t & mask] = e;
    TAIL.setRelease(this, t + 1);
    return true;
  }

  /** Consumer only. Null if empty. */
  @SuppressWarnings("unchecked")
  public E poll() {
    long h = (long) HEAD.getOpaque(this);
    if (h == (long) TAIL.getAcquire(this)) {
      return null;
    }
    int i = (int) h & mask;
    E e = (E) buffer[i];
    buffer[i] = null;
    HEAD.setRelease(this, h + 1);
    return e;
  }
}
