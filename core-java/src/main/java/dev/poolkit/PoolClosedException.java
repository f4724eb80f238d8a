package dev.poolkit;

/** The pool is closed: acquires fail at once, and waiters fail when {@code close} runs. */
public class PoolClosedException extends PoolException {
  private static final long serialVersionUID = 1L;

  public PoolClosedException(String message) {
    super(message);
  }
}
