package dev.poolkit.webtransport.internal;

import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportStream;
import dev.poolkit.webtransport.WebTransportTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tech.kwik.core.QuicConnection;

/**
 * A Flupke stream plus the state Flupke does not expose. Every read and write, also through the raw
 * {@link #inputStream()} and {@link #outputStream()}, updates it.
 */
final class TrackedStream implements WebTransportStream {
  private static final int IDLE = 0;
  private static final int READING = 1;
  private static final int TIMED_OUT = 2;

  private final FlupkeSession session;
  private final boolean bidirectional;
  private final boolean canWrite;
  private final InputStream in;
  private final OutputStream out;
  private final SendNudge nudge;
  private final AtomicInteger readState = new AtomicInteger(IDLE);
  private volatile boolean sendClosed;
  private volatile boolean receiveFinished;
  private volatile boolean broken;
  private volatile boolean closed;

  /**
   * @param canRead false for a unidirectional stream this side opened
   * @param canWrite false for a unidirectional stream the peer opened
   */
  TrackedStream(FlupkeSession session, @Nullable QuicConnection quic,
      tech.kwik.flupke.webtransport.WebTransportStream stream, boolean canRead, boolean canWrite) {
    this.session = session;
    this.nudge = SendNudge.forOutput(quic, canWrite ? stream.getOutputStream() : null);
    this.bidirectional = canRead && canWrite;
    this.canWrite = canWrite;
    this.in = canRead ? new In(stream.getInputStream()) : InputStream.nullInputStream();
    this.out = canWrite ? new Out(stream.getOutputStream()) : OutputStream.nullOutputStream();
    if (!canRead) {
      receiveFinished = true;
    }
    if (!canWrite) {
      sendClosed = true;
    }
    // Flupke wrote the stream header of a stream this side opened: make sure it leaves.
    nudge.afterWrite();
  }

  @Override public WebTransportSession session() { return session; }

  /** Whether writes nudge Kwik's sender (see {@link SendNudge}); for tests. */
  boolean nudgesKwik() {
    return nudge.isActive();
  }
  @Override public boolean isBidirectional() { return bidirectional; }
  @Override public InputStream inputStream() { return in; }
  @Override public OutputStream outputStream() { return out; }

  @Override
  public void write(byte[] bytes) throws IOException {
    Objects.requireNonNull(bytes, "bytes");
    if (!canWrite) {
      throw new IOException("cannot write to a stream the peer opened for sending only");
    }
    out.write(bytes);
    out.flush();
  }

  @Override
  public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    Objects.requireNonNull(timeout, "timeout");
    if (length == 0) {
      return 0;
    }
    if (!readState.compareAndSet(IDLE, READING)) {
      throw new IllegalStateException("another read with a deadline is in progress on this stream");
    }
    // Kwik's read waits for ever and ignores interrupts: at the deadline, close the input, which
    // makes the blocked read throw, and mark the stream broken.
    ScheduledFuture<?> alarm = Scheduler.schedule(() -> {
      if (readState.compareAndSet(READING, TIMED_OUT)) {
        broken = true;
        try {
          in.close();
        } catch (IOException ignored) {
          // The stream is broken either way.
        }
      }
    }, Math.max(0, timeout.toNanos()));
    int n;
    try {
      n = in.read(buffer, offset, length);
    } catch (IOException e) {
      if (readState.get() == TIMED_OUT) {
        throw new WebTransportTimeoutException("no data on the stream within " + timeout);
      }
      throw e;
    } finally {
      alarm.cancel(false);
      if (!readState.compareAndSet(READING, IDLE)) {
        readState.set(IDLE);
      }
    }
    return n;
  }

  @Override
  public byte[] readNBytes(int length, Duration timeout) throws IOException {
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, was " + length);
    }
    Objects.requireNonNull(timeout, "timeout");
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] buffer = new byte[length];
    int filled = 0;
    while (filled < length) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        broken = true;
        throw new WebTransportTimeoutException("read " + filled + " of " + length + " bytes within " + timeout);
      }
      int n = read(buffer, filled, length - filled, Duration.ofNanos(left));
      if (n < 0) {
        return Arrays.copyOf(buffer, filled);
      }
      filled += n;
    }
    return buffer;
  }

  @Override
  public void finish() throws IOException {
    if (!sendClosed) {
      out.close();
    }
  }

  @Override public boolean isSendClosed() { return sendClosed; }
  @Override public boolean isReceiveFinished() { return receiveFinished; }

  @Override
  public boolean hasUnreadBytes() {
    if (receiveFinished || broken) {
      return false;
    }
    try {
      return in.available() > 0;
    } catch (IOException e) {
      broken = true;
      return false;
    }
  }

  @Override public boolean isBroken() { return broken; }

  @Override
  public boolean isReusable() {
    return !closed && !sendClosed && !receiveFinished && !broken && session.isOpen() && !session.isBroken()
        && !hasUnreadBytes();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!sendClosed) {
        out.close();
      }
    } catch (IOException ignored) {
      // Closing: nothing more to send.
    }
    try {
      if (!receiveFinished) {
        in.close();
      }
    } catch (IOException ignored) {
      // Closing: nothing more to read.
    }
  }

  @Override
  public String toString() {
    return "WebTransportStream[" + (bidirectional ? "bidirectional" : "unidirectional")
        + (sendClosed ? ", send closed" : "") + (receiveFinished ? ", receive finished" : "")
        + (broken ? ", broken" : "") + "]";
  }

  /** Input that records the peer's FIN and failures. */
  private final class In extends InputStream {
    private final InputStream raw;

    In(InputStream raw) {
      this.raw = raw;
    }

    @Override
    public int read() throws IOException {
      session.touch();
      try {
        int b = raw.read();
        if (b < 0) {
          receiveFinished = true;
        }
        return b;
      } catch (IOException e) {
        broken = true;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      session.touch();
      try {
        int n = raw.read(b, off, len);
        if (n < 0) {
          receiveFinished = true;
        }
        return n;
      } catch (IOException e) {
        broken = true;
        throw e;
      }
    }

    @Override
    public int available() throws IOException {
      return raw.available();
    }

    @Override
    public void close() throws IOException {
      if (!receiveFinished) {
        // Stopping a read the peer has not finished: the rest is unwanted, so do not reuse it.
        broken = true;
      }
      raw.close();
    }
  }

  /** Output that records our FIN and failures, and nudges Kwik after every write (see {@link SendNudge}). */
  private final class Out extends OutputStream {
    private final OutputStream raw;

    Out(OutputStream raw) {
      this.raw = raw;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1); // Kwik's write(int) makes the same one-byte array
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      check();
      try {
        raw.write(b, off, len);
      } catch (IOException e) {
        broken = true;
        throw e;
      }
      nudge.afterWrite();
      session.touch();
    }

    @Override
    public void flush() throws IOException {
      try {
        raw.flush();
      } catch (IOException e) {
        broken = true;
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      if (sendClosed) {
        return;
      }
      sendClosed = true;
      try {
        raw.close();
      } catch (IOException e) {
        broken = true;
        throw e;
      }
      nudge.afterWrite();
    }

    private void check() throws IOException {
      if (sendClosed) {
        throw new IOException("the stream's send side is closed (FIN sent)");
      }
    }
  }
}
