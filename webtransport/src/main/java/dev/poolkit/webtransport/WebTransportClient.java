package dev.poolkit.webtransport;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Makes WebTransport connections. Immutable and thread-safe: share one per application.
 *
 * <pre>{@code
 * WebTransportClient client = WebTransportClient.builder()
 *     .trust(Trust.pinnedSha256(serverCertHash))
 *     .build();
 * try (WebTransportConnection conn = client.connect("127.0.0.1", 4433);
 *      WebTransportSession session = conn.openSession("/echo")) { ... }
 * }</pre>
 */
public interface WebTransportClient {

  static Builder builder() {
    return new Builder();
  }

  /**
   * Opens a QUIC + HTTP/3 connection to {@code host:port} ({@code host} is also the TLS server
   * name checked against the certificate).
   *
   * <p>Blocks up to {@link #connectTimeout()}; an interrupt closes the half-made connection and
   * throws {@link InterruptedException}.
   *
   * @throws WebTransportTimeoutException if the handshake did not finish in time (UDP gives no
   *     "refused": a stopped server looks like this)
   * @throws WebTransportException if the handshake failed (untrusted certificate, wrong ALPN)
   */
  WebTransportConnection connect(String host, int port) throws IOException, InterruptedException;

  /**
   * Opens a new connection to the URL's host and port and a session on the URL's path and query.
   * The session owns the connection: closing the session closes it (PY-14).
   */
  WebTransportSession openSession(URI url) throws IOException, InterruptedException;

  Duration connectTimeout();

  /** The deadline of every operation that waits on the network, unless a call gives its own. */
  Duration operationTimeout();

  /** Configuration of a {@link WebTransportClient}. */
  final class Builder {
    Trust trust = Trust.systemDefault();
    Duration connectTimeout = Duration.ofSeconds(5);
    Duration operationTimeout = Duration.ofSeconds(10);
    Duration idleTimeout = Duration.ofSeconds(30);
    boolean keepAlive = true;

    Builder() {}

    /** Which server certificates to accept; default {@link Trust#systemDefault()}. */
    public Builder trust(Trust trust) {
      this.trust = java.util.Objects.requireNonNull(trust, "trust");
      return this;
    }

    /** Deadline of the QUIC + TLS handshake and HTTP/3 settings exchange; default 5 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /** Default deadline of session opens, stream opens and reads; default 10 s. */
    public Builder operationTimeout(Duration timeout) {
      this.operationTimeout = positive("operationTimeout", timeout);
      return this;
    }

    /** QUIC max idle timeout this side proposes (the smaller of both sides wins); at least 2 s. */
    public Builder idleTimeout(Duration timeout) {
      java.util.Objects.requireNonNull(timeout, "idleTimeout");
      if (timeout.compareTo(Duration.ofSeconds(2)) < 0) {
        throw new IllegalArgumentException("idleTimeout must be at least 2 s (Kwik pings at half of it in whole seconds), was " + timeout);
      }
      this.idleTimeout = timeout;
      return this;
    }

    /**
     * Whether connections send PINGs so the idle timeout never fires while open; default true.
     * Without keep-alive a connection closes with {@code IDLE_TIMEOUT} once unused (no session
     * opened or closed, no stream read or written) for the idle timeout: by QUIC's idle timer, or
     * else by the client's own check at 1.5 times the idle timeout.
     */
    public Builder keepAlive(boolean keepAlive) {
      this.keepAlive = keepAlive;
      return this;
    }

    public WebTransportClient build() {
      return dev.poolkit.webtransport.internal.KwikClient.create(this);
    }

    public Trust trust() { return trust; }
    public Duration connectTimeout() { return connectTimeout; }
    public Duration operationTimeout() { return operationTimeout; }
    public Duration idleTimeout() { return idleTimeout; }
    public boolean keepAlive() { return keepAlive; }

    static Duration positive(String name, Duration d) {
      java.util.Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
