package dev.poolkit.webtransport.internal;

import dev.poolkit.Allocator;
import dev.poolkit.webtransport.WebTransportException;
import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportStream;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Opens bidirectional streams on one session for a stream pool. A stream is alive only while
 * {@link WebTransportStream#isReusable()}: send side open, peer's FIN not read, no unread bytes,
 * not broken, session open and not broken (PY-B6).
 */
public final class StreamAllocator implements Allocator<WebTransportStream> {
  private final WebTransportSession session;
  private final @Nullable Duration openTimeout;

  /** @param openTimeout deadline of a stream open, or null for the client's operation timeout */
  public StreamAllocator(WebTransportSession session, @Nullable Duration openTimeout) {
    this.session = session;
    this.openTimeout = openTimeout;
  }

  /**
   * @throws WebTransportException if the session has ended (the pool's streams are all dead then)
   */
  @Override
  public WebTransportStream create() throws Exception {
    if (!session.isOpen()) {
      throw new WebTransportException(sessionEnded());
    }
    if (session.isBroken()) {
      throw new WebTransportException("session " + session.path()
          + " is broken (an earlier stream open missed its deadline or failed); open a new StreamPool on a healthy session");
    }
    return openTimeout == null ? session.openStream() : session.openStream(openTimeout);
  }

  @Override
  public boolean isAlive(WebTransportStream stream) {
    return stream.isReusable();
  }

  @Override
  public void destroy(WebTransportStream stream) {
    stream.close();
  }

  private String sessionEnded() {
    var info = session.closeFuture().getNow(null);
    return "session " + session.path() + " has ended" + (info == null ? "" : ": " + info) + "; open a new StreamPool on a live session";
  }
}
