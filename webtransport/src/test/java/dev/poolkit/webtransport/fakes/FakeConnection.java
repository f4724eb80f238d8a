package dev.poolkit.webtransport.fakes;

import dev.poolkit.webtransport.CloseInfo;
import dev.poolkit.webtransport.WebTransportConnection;
import dev.poolkit.webtransport.WebTransportException;
import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection that can die on demand (its closeFuture fires, its sessions end), refuse or fail
 * session opens from a script, and counts close calls and concurrent sessions. Like the real one
 * it rejects a session beyond {@code maxSessions}.
 */
public final class FakeConnection implements WebTransportConnection {
  public final List<FakeSession> sessions = new CopyOnWriteArrayList<>();
  public final AtomicInteger closeCalls = new AtomicInteger();
  public final AtomicInteger sessionAttempts = new AtomicInteger();
  public final AtomicInteger openSessions = new AtomicInteger();
  public final AtomicInteger maxOpenSessionsSeen = new AtomicInteger();
  public final Queue<Exception> sessionFailures = new ConcurrentLinkedQueue<>();
  private final CompletableFuture<CloseInfo> closeFuture = new CompletableFuture<>();
  private final String host;
  private final int port;
  private final int maxSessions;
  private volatile boolean dead;
  public volatile long deathTick; // 0 while alive

  private final FakeClient owner;

  FakeConnection(FakeClient owner, String host, int port, int maxSessions) {
    this.owner = owner;
    this.host = host;
    this.port = port;
    this.maxSessions = maxSessions;
  }

  /** The peer went away: the connection and every session on it end. */
  public void die() {
    dead = true; // flag first, tick after: an acquire that saw it alive started before the tick
    deathTick = Ticks.next();
    closeFuture.complete(new CloseInfo(CloseInfo.Cause.LOST, 0, "fake death"));
    sessions.forEach(FakeSession::connectionDied);
  }

  @Override public String host() { return host; }
  @Override public int port() { return port; }
  @Override public boolean isOpen() { return !dead && closeCalls.get() == 0; }
  @Override public int maxSessions() { return maxSessions; }
  @Override public int openSessions() { return openSessions.get(); }

  @Override
  public WebTransportSession openSession(String pathAndQuery) throws WebTransportException {
    return openSession(pathAndQuery, Map.of(), Duration.ofSeconds(5));
  }

  @Override
  public WebTransportSession openSession(String pathAndQuery, Map<String, String> headers, Duration timeout)
      throws WebTransportException {
    sessionAttempts.incrementAndGet();
    if (!isOpen()) throw new WebTransportException("connection closed");
    Exception failure = sessionFailures.poll();
    if (failure != null) {
      if (failure instanceof WebTransportTimeoutException) die(); // a stall closes the connection
      if (failure instanceof WebTransportException w) throw w;
      throw (RuntimeException) failure;
    }
    int n = openSessions.incrementAndGet();
    if (n > maxSessions) {
      openSessions.decrementAndGet();
      throw new WebTransportException("the server allows " + maxSessions + " sessions on this connection");
    }
    maxOpenSessionsSeen.accumulateAndGet(n, Math::max);
    owner.maxLiveSessions.accumulateAndGet(owner.liveSessions.incrementAndGet(), Math::max);
    FakeSession s = new FakeSession(this, pathAndQuery, headers);
    sessions.add(s);
    return s;
  }

  void sessionClosed() {
    openSessions.decrementAndGet();
    owner.liveSessions.decrementAndGet();
  }

  @Override public CompletableFuture<CloseInfo> closeFuture() { return closeFuture; }

  @Override
  public void close() {
    closeCalls.incrementAndGet();
    closeFuture.complete(new CloseInfo(CloseInfo.Cause.LOCAL, 0, ""));
  }
}
