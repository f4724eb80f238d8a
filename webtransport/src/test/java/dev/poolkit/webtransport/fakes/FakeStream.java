package dev.poolkit.webtransport.fakes;

import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A stream whose state (FIN sent, FIN read, unread bytes, broken) a test sets directly. */
public final class FakeStream implements WebTransportStream {
  public final FakeSession session;
  public final AtomicInteger closeCalls = new AtomicInteger();
  private volatile boolean sendClosed;
  private volatile boolean receiveFinished;
  private volatile boolean unread;
  private volatile boolean broken;
  public volatile long defectTick; // 0 while whole

  FakeStream(FakeSession session) {
    this.session = session;
  }

  public void peerFinished() { receiveFinished = true; mark(); }
  public void bytesArrived() { unread = true; mark(); }
  public void breakIt() { broken = true; mark(); }

  /** After the flag: an acquire that saw the stream whole started before the tick. */
  private void mark() {
    if (defectTick == 0) defectTick = Ticks.next();
  }

  @Override public WebTransportSession session() { return session; }
  @Override public boolean isBidirectional() { return true; }
  @Override public InputStream inputStream() { return InputStream.nullInputStream(); }
  @Override public OutputStream outputStream() { return OutputStream.nullOutputStream(); }
  @Override public void write(byte[] bytes) {}
  @Override public int read(byte[] buffer, int offset, int length, Duration timeout) { return -1; }
  @Override public byte[] readNBytes(int length, Duration timeout) { return new byte[0]; }
  @Override public void finish() { sendClosed = true; mark(); }
  @Override public boolean isSendClosed() { return sendClosed; }
  @Override public boolean isReceiveFinished() { return receiveFinished; }
  @Override public boolean hasUnreadBytes() { return unread; }
  @Override public boolean isBroken() { return broken; }

  @Override
  public boolean isReusable() {
    return !sendClosed && !receiveFinished && !unread && !broken && closeCalls.get() == 0 && session.isOpen();
  }

  @Override
  public void close() {
    closeCalls.incrementAndGet();
  }
}
