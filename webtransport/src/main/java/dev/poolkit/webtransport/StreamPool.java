package dev.poolkit.webtransport;

import dev.poolkit.Pool;
import dev.poolkit.ReuseOrder;
import dev.poolkit.webtransport.internal.StreamAllocator;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A pool of bidirectional streams on one session (pywebtransport's {@code StreamPool}, PY-15): an
 * idle stream is reused, otherwise a new one is opened while fewer than {@code maxSize} exist,
 * otherwise the caller waits.
 *
 * <pre>{@code
 * try (StreamPool streams = StreamPool.builder().session(session).maxSize(16).build();
 *      Lease<WebTransportStream> lease = streams.acquire()) {
 *   lease.get().write(request);
 *   byte[] reply = lease.get().readNBytes(replyLength, Duration.ofSeconds(5));
 * } // back to the pool, reusable if the exchange left it whole
 * }</pre>
 *
 * <h2>Which streams are reused</h2>
 *
 * Only whole ones (PY-B6): a stream is checked when it is released and before it is handed out,
 * and disposed (closed) instead of reused when its send side was closed (FIN sent), the peer's FIN
 * was read, bytes are left unread, it broke (reset, failed or timed-out I/O), or its session has
 * ended ({@link WebTransportStream#isReusable()}). A reused stream carries several exchanges, so
 * the application protocol must frame its messages. To end an exchange for good, {@link
 * dev.poolkit.Lease#invalidate()} the lease.
 *
 * <h2>When the session ends</h2>
 *
 * The pool's streams all die with it: none is handed out again, and an acquire that must open a
 * stream fails with {@link dev.poolkit.PoolCreateException} whose cause is a {@link
 * WebTransportException} saying the session has ended. The pool stays open until closed; make a
 * new one on a live session. Closing the pool does not close the session.
 *
 * <h2>Timeouts and close</h2>
 *
 * A stream open blocks the acquiring thread while the peer's stream credit is used up, up to
 * {@code openTimeout}, then fails with a {@link dev.poolkit.PoolCreateException} caused by {@link
 * WebTransportTimeoutException}. Every other acquire, release, statistics and close rule is {@link
 * Pool}'s: {@code close()} closes idle streams at once and leased ones when they are released.
 */
public final class StreamPool extends DelegatingPool<WebTransportStream> {
  private final WebTransportSession session;

  private StreamPool(WebTransportSession session, Pool<WebTransportStream> pool) {
    super(pool);
    this.session = session;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The session the streams are opened on. */
  public WebTransportSession session() { return session; }

  /** Configuration of a {@link StreamPool}; {@code session} is required. */
  public static final class Builder {
    private final PoolSettings settings = new PoolSettings(16);
    private @Nullable WebTransportSession session;
    private @Nullable Duration openTimeout;

    private Builder() {}

    public Builder session(WebTransportSession session) {
      this.session = Objects.requireNonNull(session, "session");
      return this;
    }

    /** Most streams, idle and leased (PY-2); default 16. */
    public Builder maxSize(int maxSize) { settings.maxSize(maxSize); return this; }

    /** Deadline of one stream open; default the client's {@code operationTimeout()}. */
    public Builder openTimeout(Duration timeout) {
      this.openTimeout = WebTransportClient.Builder.positive("openTimeout", timeout);
      return this;
    }

    public Builder name(String name) { settings.name(name); return this; }

    /** Default deadline of {@code acquire()}; {@link Pool}'s default (30 s) otherwise. */
    public Builder acquireTimeout(Duration timeout) { settings.acquireTimeout(timeout); return this; }

    /** How long a stream may stay idle before it is closed; {@link Pool}'s default otherwise. */
    public Builder idleTimeout(Duration timeout) { settings.idleTimeout(timeout); return this; }

    /** The longest a stream lives; no limit by default. */
    public Builder maxLifetime(Duration lifetime) { settings.maxLifetime(lifetime); return this; }

    /** Which idle stream is reused first; {@link ReuseOrder#FIFO} is pywebtransport's (PY-4). */
    public Builder reuseOrder(ReuseOrder order) { settings.reuseOrder(order); return this; }

    /** @throws IllegalStateException if {@code session} is missing */
    public StreamPool build() {
      if (session == null) throw new IllegalStateException("session is required");
      Pool<WebTransportStream> pool =
          settings.applyTo(Pool.builder(new StreamAllocator(session, openTimeout)), "streams " + session.path()).build();
      return new StreamPool(session, pool);
    }
  }
}
