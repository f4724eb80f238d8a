package dev.poolkit.webtransport;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A WebTransport session: streams to and from one peer under one path. Client sessions come from
 * {@link WebTransportConnection#openSession}, server sessions from a {@link WebTransportServer}
 * route. Thread-safe.
 */
public interface WebTransportSession extends AutoCloseable {

  /** The path and query the session was opened with, e.g. {@code /chat/lobby}. */
  String path();

  /** The connection under a client session; {@code null} on the server side. */
  @Nullable WebTransportConnection connection();

  /** Open and its connection too. A pool checks this before handing the session out. */
  boolean isOpen();

  /** Bidirectional streams this side opened on the session so far. */
  long streamsOpened();

  /** {@link #openStream(Duration)} with the client's operation timeout. */
  WebTransportStream openStream() throws IOException, InterruptedException;

  /**
   * Opens a bidirectional stream. Blocks while the peer's stream credit is used up, at most until
   * the deadline, then throws {@link WebTransportTimeoutException}.
   */
  WebTransportStream openStream(Duration timeout) throws IOException, InterruptedException;

  /** Opens a unidirectional (send-only) stream. */
  WebTransportStream openUnidirectionalStream() throws IOException, InterruptedException;

  /**
   * Streams the peer opens (bidirectional and unidirectional) are given to {@code handler}, each
   * on its own platform thread (Kwik reads stalled on virtual threads). Replaces an earlier handler; streams that arrived before a handler
   * was set are delivered to it.
   */
  void onIncomingStream(Consumer<WebTransportStream> handler);

  /** Completes once, when the session has ended, with why. Never completes exceptionally. */
  CompletableFuture<CloseInfo> closeFuture();

  /**
   * Closes the session with an application code and reason, sent to the peer.
   *
   * @throws IllegalArgumentException if {@code code} is outside 0..2^32-1 or {@code reason} is
   *     longer than 1024 UTF-8 bytes; nothing is sent then and the session stays open
   */
  void close(long code, String reason);

  /** {@code close(0, "")}; idempotent. A session that owns its connection closes it too. */
  @Override
  void close();
}
