package dev.poolkit.webtransport;

/**
 * An operation missed its deadline. The connection, session or stream it waited on is closed
 * (a stalled QUIC connection is treated as dead), so it is never handed out again.
 */
public class WebTransportTimeoutException extends WebTransportException {
  private static final long serialVersionUID = 1L;

  public WebTransportTimeoutException(String message) {
    super(message);
  }
}
