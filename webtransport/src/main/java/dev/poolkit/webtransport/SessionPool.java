package dev.poolkit.webtransport;

import dev.poolkit.Pool;
import dev.poolkit.ReuseOrder;
import dev.poolkit.webtransport.internal.ConnectionShare;
import dev.poolkit.webtransport.internal.SessionAllocator;
import dev.poolkit.webtransport.internal.SessionTarget;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A pool of WebTransport sessions to one URL (pywebtransport's {@code SessionPool}, PY-14), on
 * connections it shares: an idle session is reused, otherwise a new one is opened while fewer than
 * {@code maxSize} exist, otherwise the caller waits.
 *
 * <pre>{@code
 * try (SessionPool sessions = SessionPool.builder()
 *         .client(client)
 *         .url(URI.create("https://127.0.0.1:4433/chat"))
 *         .maxSize(8)
 *         .sessionsPerConnection(4)
 *         .build()) {
 *   sessions.withLease(session -> {
 *     try (StreamPool streams = StreamPool.builder().session(session).maxSize(2).build()) {
 *       return streams.withLease(stream -> { stream.write(hello); return stream.readNBytes(5, timeout); });
 *     }
 *   });
 *   System.out.println(sessions.stats() + " " + sessions.connectionStats());
 * }
 * }</pre>
 *
 * <h2>Connections</h2>
 *
 * A new session goes on the live connection with a free place that holds the most sessions, up
 * to {@code sessionsPerConnection} (and never more than the server's WT_MAX_SESSIONS); when none
 * has room a new connection is made. Concurrent acquires wait for a connect under way instead of
 * making their own, unless they are more than it will serve (L-5). Disposing a session closes it,
 * and closes its connection when it was the last session there (PY-14). {@link #connectionStats()}
 * counts the connections.
 *
 * <h2>Health</h2>
 *
 * A session is handed out only while it and its connection are open: one whose connection died is
 * disposed, never handed out (PY-B1). A session that has opened {@code maxStreamsPerSession}
 * streams is retired: closed when it is next released, because Flupke keeps every stream of a
 * session until the session closes. A session open whose connection died under it (a stalled
 * connection is closed by its deadline) is retried once on another connection.
 *
 * <h2>Failures, timeouts, close</h2>
 *
 * A refused session ({@link WebTransportRefusedException}), a failed connect or an open past its
 * deadline fails the acquire with {@link dev.poolkit.PoolCreateException} whose cause is the
 * transport's exception; the capacity is given back (PY-7). A session open takes up to {@code
 * openTimeout} (after the connect's own {@code connectTimeout}); an acquire waits for it only up
 * to its own deadline (then {@link dev.poolkit.PoolTimeoutException}), and an open still running
 * then goes on and its session joins the pool. Every other acquire, release, statistics and close
 * rule is {@link Pool}'s: {@code close()} closes idle sessions (and so their connections) at once
 * and leased ones when they are released.
 */
public final class SessionPool extends DelegatingPool<WebTransportSession> {
  private final URI url;
  private final ConnectionShare share;

  private SessionPool(URI url, ConnectionShare share, Pool<WebTransportSession> pool) {
    super(pool);
    this.url = url;
    this.share = share;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The URL sessions are opened to. */
  public URI url() { return url; }

  /** The connections under the sessions: open, created, closed, reused. Never blocks for long. */
  public ConnectionStats connectionStats() { return share.stats(); }

  /** Connections opened so far: {@code connectionStats().created()}. */
  public long connectionsCreated() { return share.stats().created(); }

  /** Configuration of a {@link SessionPool}; {@code client} and {@code url} are required. */
  public static final class Builder {
    private final PoolSettings settings = new PoolSettings(8);
    private @Nullable WebTransportClient client;
    private @Nullable URI url;
    private @Nullable SessionTarget target;
    private int sessionsPerConnection;
    private long maxStreamsPerSession = 10_000;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private @Nullable Duration openTimeout;

    private Builder() {}

    public Builder client(WebTransportClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Where sessions go: {@code https://host[:port]/path[?query]}; port 443 if none is given.
     *
     * @throws IllegalArgumentException if the scheme is not https, the host is missing, the port is
     *     out of range, or the URL has user info or a fragment
     */
    public Builder url(URI url) {
      this.target = SessionTarget.of(url);
      this.url = url;
      return this;
    }

    /** Most sessions, idle and leased (PY-2); default 8. */
    public Builder maxSize(int maxSize) { settings.maxSize(maxSize); return this; }

    /** Most sessions on one connection; default: as many as each connection's server allows. */
    public Builder sessionsPerConnection(int sessionsPerConnection) {
      if (sessionsPerConnection < 1) {
        throw new IllegalArgumentException("sessionsPerConnection must be >= 1, was " + sessionsPerConnection);
      }
      this.sessionsPerConnection = sessionsPerConnection;
      return this;
    }

    /** Streams a session may open before it is retired at its next release; default 10 000. */
    public Builder maxStreamsPerSession(long maxStreamsPerSession) {
      if (maxStreamsPerSession < 1) {
        throw new IllegalArgumentException("maxStreamsPerSession must be >= 1, was " + maxStreamsPerSession);
      }
      this.maxStreamsPerSession = maxStreamsPerSession;
      return this;
    }

    /** A header sent with every session's extended CONNECT (e.g. {@code authorization}). */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "header name");
      Objects.requireNonNull(value, "header value");
      if (name.isBlank()) throw new IllegalArgumentException("header name must not be blank");
      headers.put(name, value);
      return this;
    }

    /** Deadline of one session open; default the client's {@code operationTimeout()}. */
    public Builder openTimeout(Duration timeout) {
      this.openTimeout = WebTransportClient.Builder.positive("openTimeout", timeout);
      return this;
    }

    public Builder name(String name) { settings.name(name); return this; }

    /** Default deadline of {@code acquire()}; {@link Pool}'s default (30 s) otherwise. */
    public Builder acquireTimeout(Duration timeout) { settings.acquireTimeout(timeout); return this; }

    /** How long a session may stay idle before it is closed; {@link Pool}'s default otherwise. */
    public Builder idleTimeout(Duration timeout) { settings.idleTimeout(timeout); return this; }

    /** The longest a session lives; no limit by default. */
    public Builder maxLifetime(Duration lifetime) { settings.maxLifetime(lifetime); return this; }

    /** Which idle session is reused first; {@link ReuseOrder#FIFO} is pywebtransport's (PY-4). */
    public Builder reuseOrder(ReuseOrder order) { settings.reuseOrder(order); return this; }

    /** @throws IllegalStateException if {@code client} or {@code url} is missing */
    public SessionPool build() {
      if (client == null) throw new IllegalStateException("client is required");
      if (target == null || url == null) throw new IllegalStateException("url is required");
      WebTransportClient c = client;
      SessionTarget t = target;
      ConnectionShare share = new ConnectionShare(
          () -> c.connect(t.host(), t.port()), sessionsPerConnection, c.connectTimeout());
      SessionAllocator allocator = new SessionAllocator(
          share, t.pathAndQuery(), headers, openTimeout != null ? openTimeout : c.operationTimeout(), maxStreamsPerSession);
      Pool<WebTransportSession> pool = settings.applyTo(Pool.builder(allocator), "sessions " + url).build();
      return new SessionPool(url, share, pool);
    }
  }
}
