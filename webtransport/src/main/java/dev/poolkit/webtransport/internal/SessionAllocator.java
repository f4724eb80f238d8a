package dev.poolkit.webtransport.internal;

import dev.poolkit.Allocator;
import dev.poolkit.webtransport.WebTransportConnection;
import dev.poolkit.webtransport.WebTransportRefusedException;
import dev.poolkit.webtransport.WebTransportSession;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sessions on shared connections, checks them and disposes of them for a session pool.
 *
 * <p>A session is alive while it and its connection are open, it is {@linkplain
 * WebTransportSession#isReusable() reusable} (not broken, no unread datagram, no incoming stream
 * waiting for a handler) and it has opened fewer than {@code maxStreams} streams (Flupke keeps every stream of a session until it closes, NOTES G10). When a
 * session open fails because its connection died under it (a stall closes the connection, NOTES
 * G0), it is retried once on another connection; a refusal is not retried.
 */
public final class SessionAllocator implements Allocator<WebTransportSession> {
  private final ConnectionShare share;
  private final String pathAndQuery;
  private final Map<String, String> headers;
  private final Duration openTimeout;
  private final long maxStreams;
  private final Map<Ref, ConnectionShare.Place> places = new ConcurrentHashMap<>();

  public SessionAllocator(
      ConnectionShare share, String pathAndQuery, Map<String, String> headers, Duration openTimeout, long maxStreams) {
    this.share = share;
    this.pathAndQuery = pathAndQuery;
    this.headers = Map.copyOf(headers);
    this.openTimeout = openTimeout;
    this.maxStreams = maxStreams;
  }

  @Override
  public WebTransportSession create() throws Exception {
    try {
      return open();
    } catch (ConnectionDied first) {
      try {
        return open(); // once, on a fresh reservation that skips the dead connection
      } catch (ConnectionDied second) {
        throw second.failure;
      }
    }
  }

  private WebTransportSession open() throws Exception {
    ConnectionShare.Place place = share.reserve();
    WebTransportConnection connection = place.connection();
    WebTransportSession session;
    try {
      session = connection.openSession(pathAndQuery, headers, openTimeout);
    } catch (Throwable t) {
      share.release(place);
      if (t instanceof Exception e
          && !(e instanceof WebTransportRefusedException)
          && !(e instanceof InterruptedException)
          && !connection.isOpen()) {
        throw new ConnectionDied(e);
      }
      throw t;
    }
    places.put(new Ref(session), place);
    return session;
  }

  @Override
  public boolean isAlive(WebTransportSession session) {
    ConnectionShare.Place place = places.get(new Ref(session));
    return place != null
        && place.connection().isOpen()
        && session.isReusable()
        && session.streamsOpened() < maxStreams;
  }

  @Override
  public void destroy(WebTransportSession session) {
    ConnectionShare.Place place = places.remove(new Ref(session));
    try {
      session.close();
    } finally {
      if (place != null) {
        share.release(place);
      }
    }
  }

  /** Identity key: sessions are told apart by reference, whatever their {@code equals}. */
  private record Ref(WebTransportSession session) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Ref r && r.session == session;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(session);
    }
  }

  /** A session open failed because its connection died; unwrapped if the retry fails too. */
  private static final class ConnectionDied extends Exception {
    private static final long serialVersionUID = 1L;

    final Exception failure;

    ConnectionDied(Exception failure) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
    }
  }
}
