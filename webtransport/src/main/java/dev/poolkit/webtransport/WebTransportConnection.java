package dev.poolkit.webtransport;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One QUIC + HTTP/3 connection to one endpoint, on which WebTransport sessions are opened.
 * Thread-safe. Its death (peer close, idle timeout, lost peer) is signalled through {@link
 * #closeFuture()} by Kwik's connection listener.
 */
public interface WebTransportConnection extends AutoCloseable {

  String host();

  int port();

  /** Open and not known to be dead. A pool checks this before handing the connection out. */
  boolean isOpen();

  /** How many sessions the server lets this connection have open at once (its WT_MAX_SESSIONS). */
  int maxSessions();

  /** Sessions opened on this connection and not yet closed. */
  int openSessions();

  /** {@link #openSession(String, Map, Duration)} with no headers and the client's operation timeout. */
  WebTransportSession openSession(String pathAndQuery) throws IOException, InterruptedException;

  /**
   * Opens a session with an extended CONNECT to {@code pathAndQuery}.
   *
   * <p>Blocks until the server accepts, refuses or the deadline passes. When {@link #maxSessions()}
   * sessions are open it fails at once with a {@link WebTransportException} naming the limit.
   *
   * @throws WebTransportRefusedException the server answered 4xx/5xx; the connection stays usable
   * @throws WebTransportTimeoutException no answer in time: the connection is closed as stalled
   * @throws InterruptedException the wait was interrupted; the half-opened session is closed
   */
  WebTransportSession openSession(String pathAndQuery, Map<String, String> headers, Duration timeout)
      throws IOException, InterruptedException;

  /** Completes once, when the connection has ended, with why. Never completes exceptionally. */
  CompletableFuture<CloseInfo> closeFuture();

  /** Closes the connection and every session on it. Idempotent; does not wait for the peer. */
  @Override
  void close();
}
