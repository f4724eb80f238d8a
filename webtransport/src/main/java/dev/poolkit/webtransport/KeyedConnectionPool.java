package dev.poolkit.webtransport;

import dev.poolkit.AcquireCallback;
import dev.poolkit.KeyedPool;
import dev.poolkit.KeyedPoolBuilder;
import dev.poolkit.Lease;
import dev.poolkit.LeaseBody;
import dev.poolkit.PendingAcquire;
import dev.poolkit.PoolStats;
import dev.poolkit.webtransport.internal.ConnectionAllocator;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Connections to many endpoints from one pool (the ClickHouse {@code HTTPSessionPool} row, CH-1..CH-6):
 * a pool per {@link Endpoint}, made on first use, with a per-endpoint maximum (which may depend on
 * the endpoint) and a global maximum across endpoints.
 *
 * <pre>{@code
 * try (KeyedConnectionPool pool = KeyedConnectionPool.builder()
 *         .client(client)
 *         .maxPerEndpoint(4)
 *         .maxTotal(64)
 *         .idleTimeout(Duration.ofSeconds(20))      // below the servers' QUIC idle timeout (CH-5)
 *         .build();
 *      Lease<WebTransportConnection> lease = pool.acquire(new Endpoint("127.0.0.1", 4433));
 *      WebTransportSession session = lease.get().openSession("/chat")) {
 *   ...
 * }
 * }</pre>
 *
 * A dead connection (peer close, idle timeout, lost peer) is never handed out: it is checked on
 * release and before hand-out (PY-B1). {@link Lease#invalidate()} closes a connection instead of
 * returning it (CH-3). When {@code maxTotal} is reached, an acquire for one endpoint closes an idle
 * connection of another to make room, or waits for a release (never takes a leased one, CH-B5). An
 * endpoint's pool that has held no connection for {@code idlePoolTimeout} is dropped (CH-6).
 * Waiting, timeouts, interrupts and close are those of {@link KeyedPool} and {@link dev.poolkit.Pool}.
 */
public final class KeyedConnectionPool implements KeyedPool<Endpoint, WebTransportConnection> {
  private final KeyedPool<Endpoint, WebTransportConnection> pool;

  private KeyedConnectionPool(KeyedPool<Endpoint, WebTransportConnection> pool) {
    this.pool = pool;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code acquire(new Endpoint(host, port))}. */
  public Lease<WebTransportConnection> acquire(String host, int port) throws InterruptedException {
    return pool.acquire(new Endpoint(host, port));
  }

  @Override public String name() { return pool.name(); }
  @Override public Duration acquireTimeout() { return pool.acquireTimeout(); }
  @Override public Lease<WebTransportConnection> acquire(Endpoint key) throws InterruptedException { return pool.acquire(key); }

  @Override
  public Lease<WebTransportConnection> acquire(Endpoint key, Duration timeout) throws InterruptedException {
    return pool.acquire(key, timeout);
  }

  @Override public @Nullable Lease<WebTransportConnection> tryAcquire(Endpoint key) { return pool.tryAcquire(key); }
  @Override public CompletableFuture<Lease<WebTransportConnection>> acquireAsync(Endpoint key) { return pool.acquireAsync(key); }

  @Override
  public CompletableFuture<Lease<WebTransportConnection>> acquireAsync(Endpoint key, Duration timeout) {
    return pool.acquireAsync(key, timeout);
  }

  @Override
  public PendingAcquire acquireAsync(Endpoint key, Duration timeout, AcquireCallback<WebTransportConnection> callback) {
    return pool.acquireAsync(key, timeout, callback);
  }

  @Override
  public <R extends @Nullable Object, E extends Exception> R withLease(
      Endpoint key, LeaseBody<? super WebTransportConnection, R, E> body) throws E, InterruptedException {
    return pool.withLease(key, body);
  }

  @Override public void release(Lease<WebTransportConnection> lease) { pool.release(lease); }
  @Override public PoolStats stats(Endpoint key) { return pool.stats(key); }
  @Override public PoolStats stats() { return pool.stats(); }
  @Override public Set<Endpoint> keys() { return pool.keys(); }
  @Override public boolean isClosed() { return pool.isClosed(); }
  @Override public void close() { pool.close(); }
  @Override public boolean close(Duration grace) { return pool.close(grace); }
  @Override public CompletableFuture<Void> closeAsync() { return pool.closeAsync(); }

  /** Configuration of a {@link KeyedConnectionPool}; {@code client} is required. */
  public static final class Builder {
    private @Nullable WebTransportClient client;
    private String name = "connections";
    private ToIntFunction<? super Endpoint> maxPerEndpoint = endpoint -> 8;
    private int maxTotal = Integer.MAX_VALUE;
    private @Nullable Duration idleTimeout;
    private @Nullable Duration idlePoolTimeout;
    private @Nullable Duration acquireTimeout;
    private @Nullable Duration maxLifetime;

    private Builder() {}

    public Builder client(WebTransportClient client) { this.client = Objects.requireNonNull(client, "client"); return this; }

    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) throw new IllegalArgumentException("name must not be blank");
      this.name = name;
      return this;
    }

    /** The same maximum for every endpoint; default 8. */
    public Builder maxPerEndpoint(int max) {
      if (max < 1) throw new IllegalArgumentException("maxPerEndpoint must be >= 1, was " + max);
      this.maxPerEndpoint = endpoint -> max;
      return this;
    }

    /**
     * A maximum per endpoint, asked once when the endpoint's pool is made (CH-B4). A result below 1
     * fails that endpoint's acquires with {@link IllegalArgumentException}.
     */
    public Builder maxPerEndpoint(ToIntFunction<? super Endpoint> max) {
      this.maxPerEndpoint = Objects.requireNonNull(max, "maxPerEndpoint");
      return this;
    }

    /** The most connections across all endpoints; default no global limit. */
    public Builder maxTotal(int maxTotal) {
      if (maxTotal < 1) throw new IllegalArgumentException("maxTotal must be >= 1, was " + maxTotal);
      this.maxTotal = maxTotal;
      return this;
    }

    /**
     * How long a connection may stay idle before it is closed; keep it below the servers' QUIC idle
     * timeout when keep-alive is off (CH-5). {@link dev.poolkit.Pool}'s default otherwise.
     */
    public Builder idleTimeout(Duration timeout) { this.idleTimeout = PoolSettings.nonNegative("idleTimeout", timeout); return this; }

    /** How long an endpoint's pool may hold no connection before it is dropped (CH-6); default 5 min. */
    public Builder idlePoolTimeout(Duration timeout) { this.idlePoolTimeout = PoolSettings.nonNegative("idlePoolTimeout", timeout); return this; }

    /** Default deadline of {@code acquire(endpoint)}; {@link dev.poolkit.Pool}'s default (30 s) otherwise. */
    public Builder acquireTimeout(Duration timeout) { this.acquireTimeout = PoolSettings.nonNegative("acquireTimeout", timeout); return this; }

    /** The longest a connection lives; no limit by default. */
    public Builder maxLifetime(Duration lifetime) { this.maxLifetime = PoolSettings.nonNegative("maxLifetime", lifetime); return this; }

    /** @throws IllegalStateException if {@code client} is missing */
    public KeyedConnectionPool build() {
      if (client == null) throw new IllegalStateException("client is required");
      WebTransportClient c = client;
      KeyedPoolBuilder<Endpoint, WebTransportConnection> b =
          KeyedPool.<Endpoint, WebTransportConnection>builder(e -> new ConnectionAllocator(c, e.host(), e.port()))
              .name(name)
              .maxSizePerKey(maxPerEndpoint)
              .maxTotal(maxTotal);
      if (idleTimeout != null) b.idleTimeout(idleTimeout);
      if (idlePoolTimeout != null) b.idlePoolTimeout(idlePoolTimeout);
      if (acquireTimeout != null) b.acquireTimeout(acquireTimeout);
      if (maxLifetime != null) b.maxLifetime(maxLifetime);
      return new KeyedConnectionPool(b.build());
    }
  }
}
