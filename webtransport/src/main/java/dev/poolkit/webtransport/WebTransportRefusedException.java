package dev.poolkit.webtransport;

/** The server answered the session's extended CONNECT with a non-2xx status (e.g. 403, 404). */
public class WebTransportRefusedException extends WebTransportException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public WebTransportRefusedException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** The HTTP status the server answered with. */
  public int status() {
    return status;
  }
}
