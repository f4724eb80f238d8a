package dev.poolkit.webtransport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * One WebTransport stream, with the state Flupke does not expose: whether this side sent FIN,
 * whether the peer's FIN was read, whether unread bytes wait, whether it broke. Reads and writes
 * from one thread at a time per direction.
 */
public interface WebTransportStream extends AutoCloseable {

  WebTransportSession session();

  /** True for streams that can be read and written; false for unidirectional ones. */
  boolean isBidirectional();

  /** Raw input; reads block without a deadline (Flupke has none): prefer {@link #read(byte[], int, int, Duration)}. */
  InputStream inputStream();

  /** Raw output; closing it sends FIN, as {@link #finish()} does. */
  OutputStream outputStream();

  /** Writes and flushes all of {@code bytes}. */
  void write(byte[] bytes) throws IOException;

  /**
   * Reads up to {@code length} bytes, waiting at most {@code timeout} for the first one.
   *
   * @return the number of bytes read, or -1 at the peer's FIN
   * @throws WebTransportTimeoutException nothing arrived in time: the stream is aborted and broken
   */
  int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException;

  /** Reads exactly {@code length} bytes within {@code timeout} (or fewer at FIN). */
  byte[] readNBytes(int length, Duration timeout) throws IOException;

  /** Sends FIN: no more writes. Idempotent. */
  void finish() throws IOException;

  /** FIN was sent by this side (send side closed). */
  boolean isSendClosed();

  /** The peer's FIN was read. */
  boolean isReceiveFinished();

  /** Bytes arrived and were not read yet. */
  boolean hasUnreadBytes();

  /** A read or write failed, timed out or the stream was reset or aborted. */
  boolean isBroken();

  /**
   * Whether a pool may hand this stream to the next user: send side open, peer's FIN not seen, no
   * unread bytes, not broken, session open and not {@linkplain WebTransportSession#isBroken() broken} (PY-B6).
   */
  boolean isReusable();

  /** Sends FIN and stops reading. Idempotent. */
  @Override
  void close();
}
