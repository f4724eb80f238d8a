package dev.poolkit.webtransport.fakes;

import dev.poolkit.webtransport.WebTransportClient;
import dev.poolkit.webtransport.WebTransportConnection;
import dev.poolkit.webtransport.WebTransportSession;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A client whose connects can be held at a gate, failed on demand, and counted. */
public final class FakeClient implements WebTransportClient {
  public final List<FakeConnection> connections = new CopyOnWriteArrayList<>();
  public final AtomicInteger connectsStarted = new AtomicInteger();
  /** Sessions opened and not closed yet, over all connections, and the most there ever were. */
  public final AtomicInteger liveSessions = new AtomicInteger();
  public final AtomicInteger maxLiveSessions = new AtomicInteger();
  public final Queue<Exception> connectFailures = new ConcurrentLinkedQueue<>();
  /** Each new connection fails its first session open with the next of these, if any. */
  public final Queue<Exception> firstSessionFailures = new ConcurrentLinkedQueue<>();
  public volatile int maxSessions = 100;
  public volatile CountDownLatch connectGate; // null: connects pass at once
  private final Duration connectTimeout;

  public FakeClient() {
    this(Duration.ofSeconds(5));
  }

  public FakeClient(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  @Override
  public WebTransportConnection connect(String host, int port) throws InterruptedException, java.io.IOException {
    CountDownLatch gate = connectGate; // read before the count: a test swaps it on seeing the count
    connectsStarted.incrementAndGet();
    if (gate != null) {
      gate.await();
    }
    Exception failure = connectFailures.poll();
    if (failure instanceof java.io.IOException io) throw io;
    if (failure instanceof RuntimeException re) throw re;
    FakeConnection c = new FakeConnection(this, host, port, maxSessions);
    Exception first = firstSessionFailures.poll();
    if (first != null) c.sessionFailures.add(first);
    connections.add(c);
    return c;
  }

  @Override
  public WebTransportSession openSession(URI url) {
    throw new UnsupportedOperationException("the pools do not use this");
  }

  @Override public Duration connectTimeout() { return connectTimeout; }
  @Override public Duration operationTimeout() { return Duration.ofSeconds(5); }

  /** Every session made on any of this client's connections. */
  public List<FakeSession> sessions() {
    return connections.stream().flatMap(c -> c.sessions.stream()).toList();
  }
}
