package dev.poolkit.webtransport.internal;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import tech.kwik.core.QuicConnection;
import tech.kwik.flupke.Http3ClientConnection;
import tech.kwik.flupke.Http3SingleConnectionClient;
import tech.kwik.flupke.HttpStream;
import tech.kwik.flupke.impl.CapsuleProtocolStreamImpl;
import tech.kwik.flupke.server.Http3ServerConnection;
import tech.kwik.flupke.server.Http3ServerExtension;
import tech.kwik.flupke.webtransport.Session;
import tech.kwik.flupke.webtransport.impl.ServerSessionFactoryImpl;
import tech.kwik.flupke.webtransport.impl.WebTransportContext;
import tech.kwik.flupke.webtransport.impl.WebTransportExtensionFactory;

/**
 * Every use of Flupke 0.9.4's non-exported {@code impl} packages, in one place (classpath only; on
 * the module path it needs {@code --add-exports} of {@code tech.kwik.flupke/tech.kwik.flupke.impl}
 * and {@code tech.kwik.flupke/tech.kwik.flupke.webtransport.impl}). {@code FlupkeAccessTest} fails
 * loudly when a Flupke upgrade changes any of it.
 *
 * <ul>
 *   <li>{@link OwnConnectionClient}: Flupke's public client has no close and no death signal, so
 *       the client builds Kwik's {@code QuicClientConnection} itself and hands it over.
 *   <li>{@link ExtensionFactory}: advertises many sessions per connection and Chromium's settings,
 *       and answers a session's CONNECT only after the session is registered.
 * </ul>
 */
public final class FlupkeAccess {
  /** draft-ietf-webtrans-http3 SETTINGS_WT_MAX_SESSIONS. */
  static final long SETTINGS_WT_MAX_SESSIONS = 0x14e9cd29L;
  /** Legacy SETTINGS_ENABLE_WEBTRANSPORT (draft-02): Chromium opens no session without it. */
  static final long SETTINGS_ENABLE_WEBTRANSPORT_DRAFT02 = 0x2b603742L;
  /** RFC 9297 SETTINGS_H3_DATAGRAM: Chromium opens no session without it. */
  static final long SETTINGS_H3_DATAGRAM = 0x33L;

  private FlupkeAccess() {}

  /**
   * Flupke's single-connection client over a QUIC connection we own. Used as is with {@code
   * ClientSessionFactory} it fails (the factory calls the two-flag {@code getConnection}, which the
   * single-connection factory does not override): this takes the one-argument path.
   */
  static final class OwnConnectionClient extends Http3SingleConnectionClient {
    private volatile @Nullable Http3ClientConnection connection;

    OwnConnectionClient(QuicConnection connection, Duration connectTimeout) {
      super(connection, connectTimeout, null);
    }

    /**
     * Also announces SETTINGS_H3_DATAGRAM (RFC 9297), which Flupke's client leaves out: the
     * session factory connects the HTTP/3 connection after this returns, so the setting goes out
     * in the first SETTINGS frame.
     */
    @Override
    public Http3ClientConnection createConnection(HttpRequest request) throws IOException {
      Http3ClientConnection h3 = http3ConnectionFactory.getConnection(request);
      h3.addSettingsParameter(SETTINGS_H3_DATAGRAM, 1);
      this.connection = h3;
      return h3;
    }

    /** Whether the server's SETTINGS said SETTINGS_H3_DATAGRAM = 1. */
    boolean peerSupportsHttpDatagrams() {
      Http3ClientConnection h3 = connection;
      return h3 != null && FlupkeAccess.peerSupportsHttpDatagrams(h3);
    }
  }

  /** Whether the peer's SETTINGS on {@code connection} said SETTINGS_H3_DATAGRAM = 1. */
  static boolean peerSupportsHttpDatagrams(tech.kwik.flupke.Http3Connection connection) {
    return connection.getPeerSettingsParameter(SETTINGS_H3_DATAGRAM).orElse(0L) == 1L;
  }

  /** Decides, for a session request that passed authorization, which route takes it. */
  interface Acceptor {
    /**
     * Called with the new (not yet opened) Flupke session before the server answers the CONNECT.
     *
     * @return the status to answer: 200 after the route set its handlers and opened the session
     */
    int accept(Http3ServerConnection connection, String pathAndQuery, HttpHeaders headers, SessionMaker maker);
  }

  /** Makes the Flupke session for a CONNECT; the acceptor calls it only for a known route. */
  interface SessionMaker {
    Session make();
  }

  /** The server's WebTransport extension factory. */
  static final class ExtensionFactory extends WebTransportExtensionFactory {
    private final long maxSessions;
    private final Acceptor acceptor;

    ExtensionFactory(long maxSessions, Acceptor acceptor) {
      this.maxSessions = maxSessions;
      this.acceptor = acceptor;
      setExecutor(new DirectExecutor());
    }

    @Override
    public Map<Long, Long> getExtensionSettings() {
      Map<Long, Long> settings = new HashMap<>(super.getExtensionSettings());
      settings.put(SETTINGS_WT_MAX_SESSIONS, maxSessions);
      settings.put(SETTINGS_ENABLE_WEBTRANSPORT_DRAFT02, 1L);
      settings.put(SETTINGS_H3_DATAGRAM, 1L);
      return settings;
    }

    @Override
    public Http3ServerExtension createExtension(Http3ServerConnection connection) {
      ServerSessionFactoryImpl sessions = new ServerSessionFactoryImpl(connection);
      // Flupke's own extension answers 200 before it registers the session, so a client's first
      // streams can arrive for a session that does not exist yet and be reset: register first.
      return (HttpHeaders headers, String protocol, String authority, String pathAndQuery,
          IntConsumer statusCallback, HttpStream requestResponseStream) -> {
        int status = acceptor.accept(connection, pathAndQuery, headers, () -> {
          sessions.prepareServerSession();
          return sessions.createServerSession(new WebTransportContext(headers, authority, pathAndQuery),
              new CapsuleProtocolStreamImpl(requestResponseStream));
        });
        statusCallback.accept(status);
      };
    }
  }
}
