package dev.poolkit;

/**
 * Nothing was free and the acquire was not allowed to wait: a zero timeout (Poco's {@code
 * SessionPoolExhaustedException}), or the number of waiters already at {@code maxPending}.
 */
public class PoolExhaustedException extends PoolException {
  private static final long serialVersionUID = 1L;

  public PoolExhaustedException(String message) {
    super(message);
  }
}
