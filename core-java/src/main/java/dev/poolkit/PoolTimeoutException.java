package dev.poolkit;

/** No object became free before the acquire's deadline, measured from the call. */
public class PoolTimeoutException extends PoolException {
  private static final long serialVersionUID = 1L;

  public PoolTimeoutException(String message) {
    super(message);
  }
}
