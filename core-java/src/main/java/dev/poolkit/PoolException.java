package dev.poolkit;

import org.jspecify.annotations.Nullable;

/** Base of every exception a pool throws for its own reasons. Unchecked. */
public class PoolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PoolException(String message) {
    super(message);
  }

  public PoolException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
