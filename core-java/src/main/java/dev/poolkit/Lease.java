package dev.poolkit;

/**
 * One borrower's hold on one pooled object. Closing the lease gives the object back.
 *
 * <p>A lease belongs to one acquire: once closed (or invalidated, or force-closed by {@link
 * Pool#close(java.time.Duration)}) it stays dead, even when the same object is later leased to
 * someone else. Methods are thread-safe; the usual pattern is try-with-resources:
 *
 * {@snippet class=dev.poolkit.JavadocExamplesTest region=lease}
 *
 * @param <T> the pooled type
 */
public interface Lease<T> extends AutoCloseable {

  /**
   * The leased object.
   *
   * @throws IllegalStateException if this lease was closed, invalidated or force-closed
   */
  T get();

  /** Whether {@link #get()} still works: not closed, invalidated or force-closed. */
  boolean isActive();

  /**
   * Gives the object back to the pool: it is reset and checked, then handed to the next waiter or
   * kept idle; to a closed pool it is destroyed. A second call, or a call after {@link
   * #invalidate()}, does nothing.
   *
   * <p>Memory effects: actions of the borrower before {@code close()} happen-before the next
   * borrower's {@link #get()} of the same object.
   */
  @Override
  void close();

  /**
   * Destroys the object instead of returning it (ClickHouse's {@code expire}): it will not be
   * handed out again and its capacity is freed for a new one. Does nothing if this lease is already
   * closed.
   */
  void invalidate();
}
