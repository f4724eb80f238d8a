package dev.poolkit.webtransport;

import dev.poolkit.Allocator;
import dev.poolkit.Pool;
import dev.poolkit.webtransport.internal.ConnectionAllocator;
import java.time.Duration;
import java.util.Objects;

/**
 * A pool of connections to one endpoint (pywebtransport's {@code ConnectionPool}, PY-13): an idle
 * connection is reused, otherwise a new one is opened while fewer than {@code maxSize} exist,
 * otherwise the caller waits. A connection that died (peer close, idle timeout, lost peer) is never
 * handed out: it is checked before hand-out and on release (PY-B1).
 *
 * <pre>{@code
 * try (ConnectionPool pool = ConnectionPool.builder().client(client).host("127.0.0.1").port(4433).maxSize(8).build();
 *      Lease<WebTransportConnection> lease = pool.acquire();
 *      WebTransportSession session = lease.get().openSession(pool.path())) { ... }
 * }</pre>
 *
 * All acquire, release, statistics and close rules are {@link Pool}'s.
 */
public final class ConnectionPool extends DelegatingPool<WebTransportConnection> {
  private final String host;
  private final int port;
  private final String path;

  private ConnectionPool(Builder b, Pool<WebTransportConnection> pool) {
    super(pool);
    this.host = b.host;
    this.port = b.port;
    this.path = b.path;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String host() { return host; }

  public int port() { return port; }

  /** The path sessions on these connections are meant for; default {@code "/"}. */
  public String path() { return path; }

  /** Configuration of a {@link ConnectionPool}. {@code client}, {@code host} and {@code port} are required. */
  public static final class Builder {
    private WebTransportClient client;
    private String host;
    private int port = -1;
    private String path = "/";
    private int maxSize = 8;
    private String name;
    private Duration acquireTimeout;
    private Duration idleTimeout;
    private Duration maxLifetime;

    private Builder() {}

    public Builder client(WebTransportClient client) { this.client = Objects.requireNonNull(client, "client"); return this; }

    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) throw new IllegalArgumentException("host must not be blank");
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1..65535, was " + port);
      this.port = port;
      return this;
    }

    public Builder path(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/")) throw new IllegalArgumentException("path must start with '/', was '" + path + "'");
      this.path = path;
      return this;
    }

    /** Most connections, idle and leased; default 8. */
    public Builder maxSize(int maxSize) {
      if (maxSize < 1) throw new IllegalArgumentException("maxSize must be >= 1, was " + maxSize);
      this.maxSize = maxSize;
      return this;
    }

    public Builder name(String name) { this.name = Objects.requireNonNull(name, "name"); return this; }

    /** Default deadline of {@code acquire()}; {@link Pool}'s default otherwise. */
    public Builder acquireTimeout(Duration timeout) { this.acquireTimeout = Objects.requireNonNull(timeout, "acquireTimeout"); return this; }

    /**
     * How long a connection may stay idle in the pool before it is closed. Keep it below the
     * server's QUIC idle timeout when keep-alive is off (CH-5).
     */
    public Builder idleTimeout(Duration timeout) { this.idleTimeout = Objects.requireNonNull(timeout, "idleTimeout"); return this; }

    public Builder maxLifetime(Duration lifetime) { this.maxLifetime = Objects.requireNonNull(lifetime, "maxLifetime"); return this; }

    public ConnectionPool build() {
      if (client == null) throw new IllegalStateException("client is required");
      if (host == null) throw new IllegalStateException("host is required");
      if (port < 0) throw new IllegalStateException("port is required");
      Allocator<WebTransportConnection> allocator = new ConnectionAllocator(client, host, port);
      var pb = Pool.builder(allocator).name(name != null ? name : "connections " + host + ":" + port).maxSize(maxSize);
      if (acquireTimeout != null) pb.acquireTimeout(acquireTimeout);
      if (idleTimeout != null) pb.idleTimeout(idleTimeout);
      if (maxLifetime != null) pb.maxLifetime(maxLifetime);
      return new ConnectionPool(this, pb.build());
    }
  }
}
