package dev.poolkit;

/**
 * Receives the outcome of {@link Pool#acquireAsync(java.time.Duration, AcquireCallback)}: exactly
 * one of the two methods is called, exactly once.
 *
 * <p>The call may come inline from the acquiring thread (an object was free), from the thread that
 * freed capacity, or from a pool virtual thread (one that created the object, or one that takes
 * over a hand-off made while another callback ran, so that callbacks releasing inline never nest).
 * Implementations should return quickly and must not block; hand the work to your own scheduler (a
 * coroutine dispatcher, an event loop). The lease passed to {@link #onLease} belongs to the callback: if it can no longer
 * be used, close it.
 */
public interface AcquireCallback<T> {

  /** An object was leased for this acquire. */
  void onLease(Lease<T> lease);

  /**
   * The acquire failed: {@link PoolClosedException}, {@link PoolTimeoutException}, {@link
   * PoolExhaustedException} or {@link PoolCreateException}.
   */
  void onFailure(Throwable error);
}
