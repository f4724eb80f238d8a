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

  /** Open and its connection too. */
  boolean isOpen();

  /**
   * An operation left the session in a state nobody knows: a stream open that missed its deadline
   * (the stream may still appear later, the stream credit may be gone) or a datagram send that
   * failed inside Kwik. The session may still be open; pools drop it.
   */
  boolean isBroken();

  /**
   * Whether a pool may hand this session to the next user: open, not {@linkplain #isBroken()
   * broken}, no unread datagrams and no incoming stream waiting for a handler (what one user left
   * must not reach the next, PY-B6 for sessions).
   */
  boolean isReusable();

  /** Bidirectional streams this side opened on the session so far. */
  long streamsOpened();

  /** {@link #openStream(Duration)} with the client's operation timeout. */
  WebTransportStream openStream() throws IOException, InterruptedException;

  /**
   * Opens a bidirectional stream. Blocks while the peer's stream credit is used up, at most until
   * the deadline, then throws {@link WebTransportTimeoutException} and marks the session
   * {@linkplain #isBroken() broken}.
   */
  WebTransportStream openStream(Duration timeout) throws IOException, InterruptedException;

  /**
   * Opens a unidirectional (send-only) stream, with the client's operation timeout as deadline
   * (10 s on the server); a miss throws {@link WebTransportTimeoutException} and marks the session
   * {@linkplain #isBroken() broken}. Its {@code finish()} or {@code close()} sends FIN; the peer
   * reads until then.
   */
  WebTransportStream openUnidirectionalStream() throws IOException, InterruptedException;

  /**
   * Streams the peer opens (bidirectional and unidirectional) are given to {@code handler}, each
   * on its own platform thread (Kwik reads stalled on virtual threads). Replaces an earlier handler; streams that arrived before a handler
   * was set are delivered to it.
   */
  void onIncomingStream(Consumer<WebTransportStream> handler);

  /**
   * The largest payload {@link #sendDatagram} takes now, in bytes: what the peer's {@code
   * max_datagram_frame_size} and the current QUIC packet size leave after the framing. 0 when the
   * peer cannot receive datagrams or the session has ended. May change during the session (the
   * path's packet size can grow or shrink).
   */
  int maxDatagramSize();

  /**
   * Sends {@code payload} as one WebTransport datagram (RFC 9297 HTTP datagram in a QUIC DATAGRAM
   * frame, RFC 9221). Datagrams are unreliable: it may be lost, and nothing tells. Does not block
   * on the network: the frame is queued to Kwik's sender. The array is copied; the caller may reuse it.
   *
   * @throws IllegalArgumentException if {@code payload} is longer than {@link #maxDatagramSize()};
   *     the message names both sizes, nothing is sent and the session stays usable
   * @throws WebTransportException if the session has ended, or the peer cannot receive datagrams
   *     (the message says which transport parameter or setting it did not send)
   */
  void sendDatagram(byte[] payload) throws IOException;

  /**
   * The oldest datagram received and not yet read, waiting at most {@code timeout} for one.
   *
   * <p>Up to 256 unread datagrams are kept per session; later arrivals are dropped and counted
   * ({@link #datagramsDropped()}). Timeout: returns null. Interrupt: throws {@link
   * InterruptedException}, no datagram is taken. Close: datagrams that arrived before the session
   * ended are still returned, then it throws. Memory effects: the peer's send happens-before the
   * return of the datagram here.
   *
   * @return the payload, or null if none arrived within {@code timeout}
   * @throws WebTransportException if the session has ended and no unread datagram is left
   */
  byte @Nullable [] receiveDatagram(Duration timeout) throws IOException, InterruptedException;

  /** Datagrams received on this session that were dropped because 256 were unread. */
  long datagramsDropped();

  /** Completes once, when the session has ended, with why. Never completes exceptionally. */
  CompletableFuture<CloseInfo> closeFuture();

  /**
   * Closes the session with an application code and reason, sent to the peer in a
   * CLOSE_WEBTRANSPORT_SESSION capsule; the peer's {@link #closeFuture()} completes with {@link
   * CloseInfo.Cause#PEER}, this code and this reason. Does not wait for the peer.
   *
   * @throws IllegalArgumentException if {@code code} is outside 0..2^32-1 or {@code reason} is
   *     longer than 1024 UTF-8 bytes; nothing is sent then and the session stays open
   */
  void close(long code, String reason);

  /** {@code close(0, "")}; idempotent. A session that owns its connection closes it too. */
  @Override
  void close();
}
