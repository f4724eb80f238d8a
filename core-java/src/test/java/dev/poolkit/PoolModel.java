package dev.poolkit;

/**
 * The sequential specification of a pool of one object, for {@link PoolLincheckTest}: what every
 * operation returns if operations happen one at a time. Leases are held per Lincheck thread.
 */
public class PoolModel {
  private final int[] held = new int[PoolLincheckTest.MAX_THREADS];

  private int inUseCount() {
    int n = 0;
    for (int h : held) {
      n += h;
    }
    return n;
  }

  public String tryAcquire(int threadId) {
    if (inUseCount() < PoolLincheckTest.MAX_SIZE) {
      held[threadId]++;
      return "lease";
    }
    return "none";
  }

  public boolean release(int threadId) {
    if (held[threadId] == 0) {
      return false;
    }
    held[threadId]--;
    return true;
  }

  public boolean invalidate(int threadId) {
    return release(threadId);
  }

  /** Closing a dead lease does nothing. */
  public void releaseAgain(int threadId) {}

}
