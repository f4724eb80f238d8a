package dev.poolkit;

/** A waiting callback acquire, as returned by {@link Pool#acquireAsync(java.time.Duration, AcquireCallback)}. */
public interface PendingAcquire {

  /**
   * Withdraws the acquire if it is still waiting.
   *
   * @return {@code true} if it was withdrawn: the callback will not be called and no object or
   *     capacity was taken; {@code false} if the outcome was already decided, so the callback has
   *     been or will be called (and must close the lease it gets)
   */
  boolean cancel();
}
