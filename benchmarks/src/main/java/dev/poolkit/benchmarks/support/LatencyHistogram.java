package dev.poolkit.benchmarks.support;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A concurrent log-linear histogram of nanosecond durations: 16 buckets per power of two, so a
 * reported percentile is within about 3% of the true value. Recording is one uncontended atomic
 * increment: the counts are striped by thread id, so two carriers rarely write the same line.
 */
public final class LatencyHistogram {
  private static final int SUB_BITS = 4;
  private static final int SUB = 1 << SUB_BITS;
  private static final int BUCKETS = SUB + (63 - SUB_BITS) * SUB;
  private static final int STRIPES = 32;

  private final AtomicLongArray[] stripes = new AtomicLongArray[STRIPES];

  public LatencyHistogram() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new AtomicLongArray(BUCKETS);
    }
  }

  /** Records one duration in nanoseconds (negative values count as zero). */
  public void record(long nanos) {
    int stripe = (int) Thread.currentThread().threadId() & (STRIPES - 1);
    stripes[stripe].incrementAndGet(index(Math.max(0, nanos)));
  }

  public void reset() {
    for (AtomicLongArray stripe : stripes) {
      for (int i = 0; i < BUCKETS; i++) {
        stripe.set(i, 0);
      }
    }
  }

  /** The number of recorded values. */
  public long count() {
    long n = 0;
    for (long c : merged()) {
      n += c;
    }
    return n;
  }

  /**
   * The value at {@code percentile} (0 to 100), as the middle of its bucket, in nanoseconds; 0 if
   * nothing was recorded.
   */
  public double percentile(double percentile) {
    long[] counts = merged();
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return (lowerBound(i) + upperBound(i)) / 2.0;
      }
    }
    return upperBound(BUCKETS - 1);
  }

  static int index(long v) {
    if (v < SUB) {
      return (int) v;
    }
    int exp = 63 - Long.numberOfLeadingZeros(v); // >= SUB_BITS
    int sub = (int) (v >>> (exp - SUB_BITS)) & (SUB - 1);
    return SUB + (exp - SUB_BITS) * SUB + sub;
  }

  static long lowerBound(int index) {
    if (index < SUB) {
      return index;
    }
    int exp = (index - SUB) / SUB + SUB_BITS;
    int sub = (index - SUB) % SUB;
    return (long) (SUB + sub) << (exp - SUB_BITS);
  }

  static long upperBound(int index) {
    if (index < SUB) {
      return index;
    }
    int exp = (index - SUB) / SUB + SUB_BITS;
    int sub = (index - SUB) % SUB;
    return ((long) (SUB + sub + 1) << (exp - SUB_BITS)) - 1;
  }

  private long[] merged() {
    long[] counts = new long[BUCKETS];
    for (AtomicLongArray stripe : stripes) {
      for (int i = 0; i < BUCKETS; i++) {
        counts[i] += stripe.get(i);
      }
    }
    return counts;
  }
}
