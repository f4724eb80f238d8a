package dev.poolkit;

import org.jspecify.annotations.Nullable;

/**
 * {@link Allocator#create()} failed (its exception is the cause) or returned {@code null}. The
 * capacity it would have used was given back before this was thrown.
 */
public class PoolCreateException extends PoolException {
  private static final long serialVersionUID = 1L;

  public PoolCreateException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
