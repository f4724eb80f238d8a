package dev.poolkit.webtransport.internal;

import dev.poolkit.webtransport.ServerCertificate;
import dev.poolkit.webtransport.WebTransportServer;
import dev.poolkit.webtransport.WebTransportSession;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tech.kwik.core.ConnectionListener;
import tech.kwik.core.ConnectionTerminatedEvent;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.server.ApplicationProtocolConnection;
import tech.kwik.core.server.ApplicationProtocolConnectionFactory;
import tech.kwik.core.server.ServerConnectionConfig;
import tech.kwik.core.server.ServerConnector;
import tech.kwik.flupke.server.Http3ServerConnection;
import tech.kwik.flupke.server.HttpRequestHandler;
import tech.kwik.flupke.webtransport.Session;
import tech.kwik.flupke.webtransport.WebTransportHttp3ApplicationProtocolFactory;

/** {@link WebTransportServer} over Kwik's ServerConnector and Flupke's WebTransport extension. */
public final class KwikServer implements WebTransportServer {
  /** Server sessions' own deadline for opening streams towards the client. */
  private static final Duration SERVER_OPERATION_TIMEOUT = Duration.ofSeconds(10);

  private final InetSocketAddress address;
  private final ServerCertificate certificate;
  private final ServerConnector connector;
  private final Map<String, Consumer<WebTransportSession>> exact = new LinkedHashMap<>();
  private final List<Map.Entry<String, Consumer<WebTransportSession>>> prefixes;
  private final WebTransportServer.Authorizer authorizer;
  private final AtomicInteger connections = new AtomicInteger();
  /** The QUIC connection under each HTTP/3 connection and its nudge, for {@link SendNudge}. */
  private final Map<ApplicationProtocolConnection, Quic> quics = new ConcurrentHashMap<>();
  private final Set<FlupkeSession> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private KwikServer(WebTransportServer.Builder config) throws IOException {
    KwikAssertions.apply();
    this.certificate = config.certificate() != null ? config.certificate() : ServerCertificate.selfSigned();
    this.authorizer = config.authorizer();
    config.routes().forEach((path, handler) -> {
      if (!path.endsWith("/")) {
        exact.put(path, handler);
      }
    });
    this.prefixes = config.routes().entrySet().stream()
        .filter(e -> e.getKey().endsWith("/"))
        .sorted(Comparator.comparingInt((Map.Entry<String, ?> e) -> e.getKey().length()).reversed())
        .map(e -> Map.entry(e.getKey(), e.getValue()))
        .toList();

    // ServerConnector cannot bind port 0 itself: bind the socket and hand it over. Never close it
    // ourselves: Kwik's receiver exits the JVM on an unexpected socket error; close() does it.
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress(config.bindAddress(), config.port()));
    this.address = new InetSocketAddress(config.bindAddress(), socket.getLocalPort());

    WebTransportHttp3ApplicationProtocolFactory h3 = new WebTransportHttp3ApplicationProtocolFactory(requestHandler());
    h3.setExtensions(Map.of("webtransport",
        new FlupkeAccess.ExtensionFactory(config.maxSessionsPerConnection(), this::accept)));
    ServerConnectionConfig quicConfig = ServerConnectionConfig.builder()
        .maxIdleTimeoutInSeconds((int) Math.max(1, config.idleTimeout().toSeconds()))
        .maxUnidirectionalStreamBufferSize(1_000_000)
        .maxBidirectionalStreamBufferSize(1_000_000)
        .maxConnectionBufferSize(10_000_000)
        .maxOpenPeerInitiatedUnidirectionalStreams(100)
        .maxOpenPeerInitiatedBidirectionalStreams(1000)
        .retryRequired(false)
        .connectionIdLength(8)
        .build();
    try {
      ServerCertificate c = certificate;
      connector = ServerConnector.builder()
          .withSocket(socket)
          .withKeyStore(c.keyStore(), c.alias(), c.password(), "secp256r1")
          .withConfiguration(quicConfig)
          .withLogger(new tech.kwik.core.log.NullLogger())
          .build();
    } catch (java.security.cert.CertificateException e) {
      socket.close();
      throw new IOException("Kwik rejected the server certificate: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
    connector.registerApplicationProtocol("h3", new CountingFactory(h3));
    connector.start();
  }

  public static WebTransportServer start(WebTransportServer.Builder config) throws IOException {
    return new KwikServer(config);
  }

  /** Authorizes the CONNECT that opens a session; any other request gets 404. */
  private HttpRequestHandler requestHandler() {
    return (request, response) -> {
      if (!"CONNECT".equals(request.method())) {
        response.setStatus(404);
        response.getOutputStream().close();
        return;
      }
      int status;
      try {
        status = authorizer.authorize(new ConnectRequest(request.path(), request.headers().map(), request.remoteAddress()));
      } catch (RuntimeException e) {
        status = 500;
      }
      if (status < 200 || status > 299) {
        response.setStatus(status < 100 || status > 599 ? 500 : status);
      }
    };
  }

  /** Runs on Flupke's thread before the CONNECT is answered: set up, open, then 200. */
  private int accept(Http3ServerConnection connection, String pathAndQuery, HttpHeaders headers,
      FlupkeAccess.SessionMaker maker) {
    String path = URI.create(pathAndQuery).getPath();
    Consumer<WebTransportSession> route = route(path);
    if (route == null || closed.get()) {
      return 404;
    }
    Session flupke = maker.make();
    // Absent only once the connection is gone: then there is nothing to nudge.
    Quic quic = quics.getOrDefault(connection, Quic.NONE);
    FlupkeSession session = new FlupkeSession(pathAndQuery, quic.connection(), quic.nudge(), quic.datagrams(), null,
        false, SERVER_OPERATION_TIMEOUT);
    flupke.setBidirectionalStreamReceiveHandler(session.incoming(true));
    flupke.setUnidirectionalStreamReceiveHandler(session.incoming(false));
    session.bind(flupke);
    sessions.add(session);
    session.closeFuture().whenComplete((info, failure) -> sessions.remove(session));
    try {
      route.accept(session);
    } catch (RuntimeException e) {
      session.close(0, "");
      return 500;
    }
    flupke.open();
    quic.nudge().afterWrite(); // Flupke answers the CONNECT once this returns
    return 200;
  }

  private @Nullable Consumer<WebTransportSession> route(String path) {
    Consumer<WebTransportSession> handler = exact.get(path);
    if (handler != null) {
      return handler;
    }
    for (Map.Entry<String, Consumer<WebTransportSession>> prefix : prefixes) {
      if (path.startsWith(prefix.getKey())) {
        return prefix.getValue();
      }
    }
    return null;
  }

  @Override public InetSocketAddress address() { return address; }
  @Override public int port() { return address.getPort(); }

  @Override
  public URI url(String pathAndQuery) {
    if (!pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("pathAndQuery must start with '/', was '" + pathAndQuery + "'");
    }
    String host = address.getAddress().getHostAddress();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    return URI.create("https://" + host + ":" + port() + pathAndQuery);
  }

  @Override public ServerCertificate certificate() { return certificate; }
  @Override public int connectionCount() { return connections.get(); }
  @Override public int sessionCount() { return sessions.size(); }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      connector.close();
      for (FlupkeSession session : sessions) {
        session.connectionEnded(new dev.poolkit.webtransport.CloseInfo(dev.poolkit.webtransport.CloseInfo.Cause.LOCAL, 0, "server stopped"));
      }
    }
  }

  @Override
  public String toString() {
    return "WebTransportServer[" + url("/") + ", " + connections.get() + " connections, " + sessions.size() + " sessions]";
  }

  /** A QUIC connection, the nudge for its streams and its sessions' datagrams. */
  private record Quic(@Nullable QuicConnection connection, SendNudge nudge, ConnectionDatagrams datagrams) {
    static final Quic NONE = new Quic(null, SendNudge.forConnection(null), ConnectionDatagrams.NONE);
  }

  /** Flupke's factory, plus a count of live QUIC connections. */
  private final class CountingFactory implements ApplicationProtocolConnectionFactory {
    private final ApplicationProtocolConnectionFactory delegate;

    CountingFactory(ApplicationProtocolConnectionFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public ApplicationProtocolConnection createConnection(String protocol, QuicConnection quic) {
      connections.incrementAndGet();
      ApplicationProtocolConnection h3 = delegate.createConnection(protocol, quic);
      SendNudge nudge = SendNudge.forConnection(quic);
      ConnectionDatagrams datagrams = ConnectionDatagrams.attach(quic,
          () -> h3 instanceof tech.kwik.flupke.Http3Connection c && FlupkeAccess.peerSupportsHttpDatagrams(c));
      quics.put(h3, new Quic(quic, nudge, datagrams));
      nudge.afterWrite(); // Flupke's control streams (SETTINGS) go out now
      AtomicBoolean counted = new AtomicBoolean(true);
      quic.setConnectionListener(new ConnectionListener() {
        @Override
        public void disconnected(ConnectionTerminatedEvent event) {
          if (counted.compareAndSet(true, false)) {
            connections.decrementAndGet();
            quics.remove(h3);
          }
        }
      });
      return h3;
    }

    @Override public int maxConcurrentPeerInitiatedUnidirectionalStreams() { return delegate.maxConcurrentPeerInitiatedUnidirectionalStreams(); }
    @Override public long maxTotalPeerInitiatedUnidirectionalStreams() { return delegate.maxTotalPeerInitiatedUnidirectionalStreams(); }
    @Override public int maxConcurrentPeerInitiatedBidirectionalStreams() { return delegate.maxConcurrentPeerInitiatedBidirectionalStreams(); }
    @Override public long maxTotalPeerInitiatedBidirectionalStreams() { return delegate.maxTotalPeerInitiatedBidirectionalStreams(); }
    @Override public int minUnidirectionalStreamReceiverBufferSize() { return delegate.minUnidirectionalStreamReceiverBufferSize(); }
    @Override public long maxUnidirectionalStreamReceiverBufferSize() { return delegate.maxUnidirectionalStreamReceiverBufferSize(); }
    @Override public int minBidirectionalStreamReceiverBufferSize() { return delegate.minBidirectionalStreamReceiverBufferSize(); }
    @Override public long maxBidirectionalStreamReceiverBufferSize() { return delegate.maxBidirectionalStreamReceiverBufferSize(); }
    /** On, unlike Flupke's factory: WebTransport datagrams need it (RFC 9297), and we advertise H3_DATAGRAM. */
    @Override public boolean enableDatagramExtension() { return true; }
  }
}
