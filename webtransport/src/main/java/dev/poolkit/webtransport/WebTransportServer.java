package dev.poolkit.webtransport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A small WebTransport server over Kwik's ServerConnector and Flupke, for tests and samples.
 *
 * <pre>{@code
 * try (WebTransportServer server = WebTransportServer.builder()
 *         .route("/echo", session -> session.onIncomingStream(stream -> echo(stream)))
 *         .start()) {
 *   URI url = server.url("/echo");
 *   String pin = server.certificate().sha256Hex();
 * }
 * }</pre>
 *
 * Binds 127.0.0.1 on an ephemeral port unless told otherwise. Each incoming stream runs on its own
 * platform thread (reads in Kwik stalled on virtual threads). The server advertises the settings Chromium needs to open sessions.
 */
public interface WebTransportServer extends AutoCloseable {

  static Builder builder() {
    return new Builder();
  }

  InetSocketAddress address();

  int port();

  /** {@code https://<host>:<port><pathAndQuery>} of this server. */
  URI url(String pathAndQuery);

  ServerCertificate certificate();

  /** QUIC connections currently open to this server. */
  int connectionCount();

  /** Sessions currently open on this server. */
  int sessionCount();

  /** Stops accepting, closes every connection. Idempotent; returns when the socket is closed. */
  @Override
  void close();

  /** Decides whether a session's extended CONNECT is accepted; runs before the session exists. */
  @FunctionalInterface
  interface Authorizer {
    /** @return 200 (or any 2xx) to accept, a 4xx/5xx status to refuse */
    int authorize(ConnectRequest request);
  }

  /** A session request as the authorizer sees it. Header names are lower case. */
  record ConnectRequest(String path, Map<String, List<String>> headers, InetSocketAddress remoteAddress) {}

  /** Configuration of a {@link WebTransportServer}. */
  final class Builder {
    InetAddress bindAddress = InetAddress.getLoopbackAddress();
    int port;
    @org.jspecify.annotations.Nullable ServerCertificate certificate;
    int maxSessionsPerConnection = 16;
    Duration idleTimeout = Duration.ofSeconds(30);
    Authorizer authorizer = request -> 200;
    final Map<String, Consumer<WebTransportSession>> routes = new java.util.LinkedHashMap<>();

    Builder() {}

    /** Address and UDP port to bind; port 0 picks a free one. Default 127.0.0.1:0. */
    public Builder bind(InetAddress address, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + port);
      }
      this.bindAddress = java.util.Objects.requireNonNull(address, "address");
      this.port = port;
      return this;
    }

    /** Default: {@link ServerCertificate#selfSigned()}, made at start. */
    public Builder certificate(ServerCertificate certificate) {
      this.certificate = java.util.Objects.requireNonNull(certificate, "certificate");
      return this;
    }

    /** The WT_MAX_SESSIONS this server advertises per connection; default 16. */
    public Builder maxSessionsPerConnection(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxSessionsPerConnection must be >= 1, was " + max);
      }
      this.maxSessionsPerConnection = max;
      return this;
    }

    /** QUIC max idle timeout of the server; default 30 s; at least 1 s. */
    public Builder idleTimeout(Duration timeout) {
      java.util.Objects.requireNonNull(timeout, "idleTimeout");
      if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("idleTimeout must be at least 1 s, was " + timeout);
      }
      this.idleTimeout = timeout;
      return this;
    }

    /** Called on every session request before it is accepted. */
    public Builder authorize(Authorizer authorizer) {
      this.authorizer = java.util.Objects.requireNonNull(authorizer, "authorizer");
      return this;
    }

    /**
     * Sessions whose path is {@code path} (or, when {@code path} ends with {@code /}, starts with
     * it) go to {@code handler}. The handler runs before the server answers the CONNECT: it
     * should register stream handlers and return; it must not block. Unknown paths get 404.
     */
    public Builder route(String path, Consumer<WebTransportSession> handler) {
      java.util.Objects.requireNonNull(path, "path");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/', was '" + path + "'");
      }
      routes.put(path, java.util.Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Binds and starts the server. */
    public WebTransportServer start() throws IOException {
      return dev.poolkit.webtransport.internal.KwikServer.start(this);
    }

    public InetAddress bindAddress() { return bindAddress; }
    public int port() { return port; }
    public @org.jspecify.annotations.Nullable ServerCertificate certificate() { return certificate; }
    public int maxSessionsPerConnection() { return maxSessionsPerConnection; }
    public Duration idleTimeout() { return idleTimeout; }
    public Authorizer authorizer() { return authorizer; }
    public Map<String, Consumer<WebTransportSession>> routes() { return routes; }
  }
}
