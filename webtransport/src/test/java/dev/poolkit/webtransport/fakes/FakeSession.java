package dev.poolkit.webtransport.fakes;

import dev.poolkit.webtransport.CloseInfo;
import dev.poolkit.webtransport.WebTransportConnection;
import dev.poolkit.webtransport.WebTransportException;
import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** A session that counts close calls and streams, and can be ended by its peer on demand. */
public final class FakeSession implements WebTransportSession {
  public final FakeConnection connection;
  public final String path;
  public final Map<String, String> headers;
  public final AtomicInteger closeCalls = new AtomicInteger();
  public final List<FakeStream> streams = new CopyOnWriteArrayList<>();
  private final AtomicLong streamsOpened = new AtomicLong();
  private final CompletableFuture<CloseInfo> closeFuture = new CompletableFuture<>();
  private volatile boolean ended;
  public volatile long deathTick; // 0 while alive

  FakeSession(FakeConnection connection, String path, Map<String, String> headers) {
    this.connection = connection;
    this.path = path;
    this.headers = headers;
  }

  /** The peer closed the session. */
  public void endByPeer() {
    ended = true;
    deathTick = Ticks.next();
    closeFuture.complete(new CloseInfo(CloseInfo.Cause.PEER, 7, "bye"));
  }

  void connectionDied() {
    if (deathTick == 0) deathTick = connection.deathTick;
    ended = true;
    closeFuture.complete(new CloseInfo(CloseInfo.Cause.CONNECTION_CLOSED, 0, ""));
  }

  @Override public String path() { return path; }
  @Override public WebTransportConnection connection() { return connection; }
  @Override public boolean isOpen() { return !ended && closeCalls.get() == 0 && connection.isOpen(); }
  @Override public long streamsOpened() { return streamsOpened.get(); }
  @Override public boolean isBroken() { return false; }
  @Override public boolean isReusable() { return isOpen(); }
  @Override public int maxDatagramSize() { return 0; }
  @Override public void sendDatagram(byte[] payload) { throw new UnsupportedOperationException(); }
  @Override public byte[] receiveDatagram(Duration timeout) { throw new UnsupportedOperationException(); }
  @Override public long datagramsDropped() { return 0; }

  @Override
  public WebTransportStream openStream() throws WebTransportException {
    return openStream(Duration.ofSeconds(5));
  }

  @Override
  public WebTransportStream openStream(Duration timeout) throws WebTransportException {
    if (!isOpen()) throw new WebTransportException("session closed");
    streamsOpened.incrementAndGet();
    FakeStream s = new FakeStream(this);
    streams.add(s);
    return s;
  }

  @Override
  public WebTransportStream openUnidirectionalStream() {
    throw new UnsupportedOperationException();
  }

  @Override public void onIncomingStream(Consumer<WebTransportStream> handler) {}
  @Override public CompletableFuture<CloseInfo> closeFuture() { return closeFuture; }

  @Override
  public void close(long code, String reason) {
    if (closeCalls.getAndIncrement() == 0) {
      connection.sessionClosed();
    }
    closeFuture.complete(new CloseInfo(CloseInfo.Cause.LOCAL, code, reason));
  }

  @Override
  public void close() {
    close(0, "");
  }
}
