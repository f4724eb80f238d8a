package dev.poolkit.webtransport;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** A WebTransport operation failed: connect, TLS handshake, session, stream or I/O. */
public class WebTransportException extends IOException {
  private static final long serialVersionUID = 1L;

  public WebTransportException(String message) {
    super(message);
  }

  public WebTransportException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
