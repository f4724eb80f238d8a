package dev.poolkit.webtransport.internal;

import dev.poolkit.webtransport.CloseInfo;
import dev.poolkit.webtransport.WebTransportConnection;
import dev.poolkit.webtransport.WebTransportException;
import dev.poolkit.webtransport.WebTransportRefusedException;
import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportTimeoutException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tech.kwik.core.ConnectionListener;
import tech.kwik.core.ConnectionTerminatedEvent;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.flupke.HttpError;
import tech.kwik.flupke.webtransport.ClientSessionFactory;
import tech.kwik.flupke.webtransport.Session;

/**
 * A client connection: Kwik's QUIC connection, which this class owns (close, death listener,
 * keep-alive), with Flupke's session factory on top.
 */
final class KwikConnection implements WebTransportConnection {
  private final String host;
  private final int port;
  private final Duration operationTimeout;
  private final QuicClientConnection quic;
  /** Nudges Flupke's own writes (SETTINGS, CONNECT, capsules); see {@link SendNudge}. */
  private final SendNudge nudge;
  /** Flupke's HTTP/3 client over {@link #quic}; it also knows the server's SETTINGS. */
  private final FlupkeAccess.OwnConnectionClient http3;
  private final ConnectionDatagrams datagrams;
  private final CompletableFuture<CloseInfo> closed = new CompletableFuture<>();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicInteger sessions = new AtomicInteger();
  private final Set<FlupkeSession> live = ConcurrentHashMap.newKeySet();
  private volatile ClientSessionFactory factory;
  private volatile int maxSessions = 1;
  private volatile long lastUse = System.nanoTime();

  private KwikConnection(String host, int port, Duration operationTimeout, QuicClientConnection quic,
      Duration connectTimeout) {
    this.host = host;
    this.port = port;
    this.operationTimeout = operationTimeout;
    this.quic = quic;
    this.nudge = SendNudge.forConnection(quic);
    this.http3 = new FlupkeAccess.OwnConnectionClient(quic, connectTimeout);
    this.datagrams = ConnectionDatagrams.attach(quic, http3::peerSupportsHttpDatagrams);
  }

  /** Builds the QUIC connection, hooks the death signal, and lets Flupke connect it. */
  static KwikConnection connect(KwikClient client, String host, int port) throws IOException, InterruptedException {
    QuicClientConnection quic = QuicClientConnection.newBuilder()
        .uri(URI.create("//" + hostForUri(host) + ":" + port))
        .version(tech.kwik.core.QuicConnection.QuicVersion.V1)
        .applicationProtocol("h3")
        .connectTimeout(client.connectTimeout())
        .maxIdleTimeout(client.idleTimeout())
        // HTTP/3 needs 3 peer unidirectional streams (control, QPACK encoder, decoder); the rest
        // and the bidirectional ones are for streams the server opens in sessions.
        .maxOpenPeerInitiatedUnidirectionalStreams(3 + 100)
        .maxOpenPeerInitiatedBidirectionalStreams(100)
        .customTrustManager(client.trust().trustManager())
        // max_datagram_frame_size, for WebTransport datagrams (RFC 9221/9297); Flupke has none itself.
        .enableDatagramExtension()
        .logger(new tech.kwik.core.log.NullLogger())
        .build();
    KwikConnection connection = new KwikConnection(host, port, client.operationTimeout(), quic, client.connectTimeout());
    quic.setConnectionListener(new ConnectionListener() {
      @Override
      public void disconnected(ConnectionTerminatedEvent event) {
        connection.died(event);
      }
    });
    URI server = URI.create("https://" + hostForUri(host) + ":" + port);
    String endpoint = host + ":" + port;
    connection.nudge.afterWrite();
    try {
      // build() connects QUIC and waits (up to 10 s, Flupke's own bound) for the server's SETTINGS.
      connection.factory = Blocking.within(client.connectTimeout(), "connecting to " + endpoint,
          () -> ClientSessionFactory.newBuilder()
              .serverUri(server)
              .httpClient(connection.http3)
              .build(),
          orphan -> quic.close());
    } catch (WebTransportTimeoutException e) {
      quic.close();
      throw new WebTransportTimeoutException("no WebTransport server answered at " + endpoint + " within "
          + client.connectTimeout());
    } catch (IOException | RuntimeException e) {
      quic.close();
      throw connectFailure(endpoint, client.connectTimeout(), e);
    } catch (InterruptedException e) {
      quic.close();
      throw e;
    }
    connection.maxSessions = Math.max(1, connection.factory.getMaxConcurrentSessions());
    if (client.keepAlive()) {
      // Not an interval: keeps the connection alive for this many seconds, pinging at half the idle timeout.
      quic.keepAlive(Integer.MAX_VALUE);
    } else {
      connection.watchIdle(client.idleTimeout());
    }
    return connection;
  }

  private static IOException connectFailure(String endpoint, Duration timeout, Exception e) {
    String message = String.valueOf(e.getMessage());
    Throwable t = e;
    while (t != null) {
      if (t instanceof java.security.cert.CertificateException) {
        return new WebTransportException("TLS handshake with " + endpoint + " failed: server certificate not trusted ("
            + t.getMessage() + ")", e);
      }
      t = t.getCause();
    }
    String lower = message.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("certificate") || lower.contains("alert") || lower.contains("handshake") || lower.contains("tls")) {
      return new WebTransportException("TLS handshake with " + endpoint + " failed: " + message, e);
    }
    if (e instanceof java.net.ConnectException && lower.contains("timed out")) {
      return new WebTransportTimeoutException("no WebTransport server answered at " + endpoint + " within " + timeout);
    }
    return new WebTransportException("cannot connect to " + endpoint + ": " + message, e);
  }

  private static String hostForUri(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /**
   * Without keep-alive, closes the connection once nobody used it (sessions, stream reads and
   * writes) for the idle timeout plus half of it. Kwik's own idle timer normally fires first, but
   * acknowledgement-eliciting PINGs both sides add to bare ACKs can keep it from ever firing, and a
   * slow handshake stretches it (it waits at least 3 probe timeouts).
   */
  private void watchIdle(Duration idleTimeout) {
    long limit = idleTimeout.toNanos() + idleTimeout.toNanos() / 2;
    Scheduler.schedule(() -> checkIdle(limit), limit / 4);
  }

  private void checkIdle(long limit) {
    if (closed.isDone()) {
      return;
    }
    long quiet = System.nanoTime() - lastUse;
    if (quiet < limit) {
      Scheduler.schedule(() -> checkIdle(limit), Math.max(limit - quiet, limit / 4));
      return;
    }
    if (closing.compareAndSet(false, true)) {
      end(new CloseInfo(CloseInfo.Cause.IDLE_TIMEOUT, 0, "unused for " + Duration.ofNanos(quiet).toMillis() + " ms"));
      quic.close();
    }
  }

  /** The nudge for Flupke's own writes on this connection; for tests. */
  SendNudge flupkeWrites() {
    return nudge;
  }

  /** Records a use of the connection (see {@link #watchIdle}). */
  void touch() {
    lastUse = System.nanoTime();
  }

  private void died(ConnectionTerminatedEvent event) {
    CloseInfo.Cause cause = switch (event.closeReason()) {
      case IdleTimeout -> CloseInfo.Cause.IDLE_TIMEOUT;
      case ConnectionLost, StatelessReset -> CloseInfo.Cause.LOST;
      case ImmediateClose -> event.closedByPeer() && !closing.get() ? CloseInfo.Cause.PEER : CloseInfo.Cause.LOCAL;
    };
    Long app = event.applicationErrorCode();
    Long transport = event.transportErrorCode();
    long code = app != null ? app : transport != null ? transport : 0;
    String description = event.errorDescription();
    end(new CloseInfo(cause, code, description == null ? "" : description));
  }

  private void end(CloseInfo info) {
    if (closed.complete(info)) {
      for (FlupkeSession session : live) {
        session.connectionEnded(info);
      }
    }
  }

  void sessionEnded(FlupkeSession session) {
    touch();
    if (live.remove(session)) {
      sessions.decrementAndGet();
    }
  }

  @Override public String host() { return host; }
  @Override public int port() { return port; }

  @Override
  public boolean isOpen() {
    return !closing.get() && !closed.isDone() && quic.isConnected();
  }

  @Override public int maxSessions() { return maxSessions; }
  @Override public int openSessions() { return sessions.get(); }

  @Override
  public WebTransportSession openSession(String pathAndQuery) throws IOException, InterruptedException {
    return openSession(pathAndQuery, Map.of(), operationTimeout);
  }

  @Override
  public WebTransportSession openSession(String pathAndQuery, Map<String, String> headers, Duration timeout)
      throws IOException, InterruptedException {
    return openSession(pathAndQuery, headers, timeout, false);
  }

  FlupkeSession openSession(String pathAndQuery, Map<String, String> headers, Duration timeout, boolean owning)
      throws IOException, InterruptedException {
    Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(timeout, "timeout");
    if (!pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("pathAndQuery must start with '/', was '" + pathAndQuery + "'");
    }
    URI uri = URI.create("https://" + hostForUri(host) + ":" + port + pathAndQuery);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    headers.forEach(request::header);
    if (!isOpen()) {
      throw new WebTransportException("connection to " + host + ":" + port + " is closed");
    }
    reserveSession();
    touch();
    FlupkeSession session = new FlupkeSession(pathAndQuery, quic, nudge, datagrams, this, owning, operationTimeout);
    live.add(session);
    if (closed.isDone()) {
      session.connectionEnded(closed.join());
    }
    Session flupke;
    nudge.afterWrite(); // for the CONNECT request Flupke is about to write
    try {
      flupke = Blocking.within(timeout, "opening session " + pathAndQuery + " on " + host + ":" + port, () -> {
        Session s = factory.createSession(request.build(), session.incoming(false), session.incoming(true));
        s.open();
        return s;
      }, orphan -> closeQuietly(orphan));
    } catch (WebTransportTimeoutException e) {
      // Flupke has no deadline on the CONNECT answer (NOTES G4): a connection that does not answer in
      // time is treated as dead, which also frees everyone else waiting on it.
      sessionEnded(session);
      close();
      throw e;
    } catch (WebTransportException e) {
      sessionEnded(session);
      if (!(e.getCause() instanceof HttpError refused)) {
        throw e;
      }
      throw new WebTransportRefusedException("server refused session " + pathAndQuery + " on " + host + ":" + port
          + " with status " + refused.getStatusCode(), refused.getStatusCode());
    } catch (IllegalStateException e) {
      sessionEnded(session);
      throw new WebTransportException("cannot open session " + pathAndQuery + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException | InterruptedException e) {
      sessionEnded(session);
      throw e;
    }
    session.bind(flupke);
    return session;
  }

  private void reserveSession() throws WebTransportException {
    while (true) {
      int n = sessions.get();
      if (n >= maxSessions) {
        throw new WebTransportException("connection to " + host + ":" + port + " already has " + n
            + " open sessions, the server's limit (WT_MAX_SESSIONS = " + maxSessions + ")");
      }
      if (sessions.compareAndSet(n, n + 1)) {
        return;
      }
    }
  }

  private static void closeQuietly(Session session) {
    try {
      session.close();
    } catch (IOException | RuntimeException ignored) {
      // Nobody wants this session any more.
    }
  }

  @Override public CompletableFuture<CloseInfo> closeFuture() { return closed; }

  @Override
  public void close() {
    if (closing.compareAndSet(false, true)) {
      quic.close();
      end(new CloseInfo(CloseInfo.Cause.LOCAL, 0, ""));
    }
  }

  @Override
  public String toString() {
    return "WebTransportConnection[" + host + ":" + port + (isOpen() ? ", open" : ", closed") + ", sessions "
        + sessions.get() + "/" + maxSessions + "]";
  }
}
