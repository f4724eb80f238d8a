package dev.poolkit.samples.chat;

import dev.poolkit.Lease;
import dev.poolkit.PoolStats;
import dev.poolkit.samples.chat.LineReader.Line;
import dev.poolkit.webtransport.SessionPool;
import dev.poolkit.webtransport.StreamPool;
import dev.poolkit.webtransport.WebTransportClient;
import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends chat lines through pools; the only class of the chat that knows {@link SessionPool} and
 * {@link StreamPool}.
 *
 * <p>A send leases a session from the {@code SessionPool}, then a stream from that session's {@code
 * StreamPool}, writes {@code MSG <text>}, reads the one-line answer and gives both back. The stream
 * stays open (no FIN) and nothing is left unread, so the next send can reuse it (PY-15, PY-B6). A
 * stream whose write or read failed or timed out is invalidated instead; a session that ended takes
 * its stream pool with it.
 */
final class PooledSender implements AutoCloseable {
  private static final int ANSWER_LIMIT = 64;

  private final SessionPool sessions;
  private final int streamsPerSession;
  private final Duration timeout;
  private final ConcurrentHashMap<WebTransportSession, StreamPool> streamPools = new ConcurrentHashMap<>();
  private final LongAdder sends = new LongAdder();
  private final LongAdder retiredStreamsCreated = new LongAdder();
  private final LongAdder retiredStreamsReused = new LongAdder();

  /**
   * @param sessionUrl the chat session URL, {@code https://host:port/chat/<room>?name=<name>}
   * @param maxSessions sessions this sender may have open at once
   * @param streamsPerSession send streams per session
   */
  PooledSender(WebTransportClient client, URI sessionUrl, int maxSessions, int streamsPerSession) {
    this.sessions = SessionPool.builder().client(client).url(sessionUrl).maxSize(maxSessions).build();
    this.streamsPerSession = streamsPerSession;
    this.timeout = client.operationTimeout();
  }

  /**
   * Sends one complete line ({@code MSG <text>\n}) and returns the server's answer.
   *
   * <p>Waits at most the client's operation timeout for a session, a stream and the answer each.
   *
   * @throws IOException the stream or session failed (the stream is not reused)
   * @throws InterruptedException interrupted while waiting for a lease
   */
  SendResult send(byte[] line) throws IOException, InterruptedException {
    try (Lease<WebTransportSession> session = sessions.acquire(timeout)) {
      Lease<WebTransportStream> lease = streamsOf(session.get()).acquire(timeout);
      try {
        WebTransportStream stream = lease.get();
        stream.write(line);
        SendResult result = readAnswer(stream);
        sends.increment();
        lease.close();
        return result;
      } catch (IOException | RuntimeException e) {
        lease.invalidate();
        throw e;
      }
    }
  }

  private SendResult readAnswer(WebTransportStream stream) throws IOException {
    LineReader answer = new LineReader((b, off, len) -> stream.read(b, off, len, timeout), ANSWER_LIMIT);
    Line line = answer.next();
    if (line instanceof Line.Text(String text)) {
      return SendResult.parse(text);
    }
    throw new IOException("no answer from the chat server: " + line);
  }

  private StreamPool streamsOf(WebTransportSession session) {
    StreamPool pool = streamPools.get(session);
    if (pool != null) {
      return pool;
    }
    StreamPool fresh = StreamPool.builder().session(session).maxSize(streamsPerSession).build();
    StreamPool raced = streamPools.putIfAbsent(session, fresh);
    if (raced != null) {
      fresh.close();
      return raced;
    }
    session.closeFuture().thenRun(() -> retire(session));
    return fresh;
  }

  /** A session ended: close its stream pool and keep its figures. */
  private void retire(WebTransportSession session) {
    StreamPool pool = streamPools.remove(session);
    if (pool != null) {
      PoolStats s = pool.stats();
      retiredStreamsCreated.add(s.created());
      retiredStreamsReused.add(s.reused());
      pool.close();
    }
  }

  PoolFigures figures() {
    long streamsCreated = retiredStreamsCreated.sum();
    long streamsReused = retiredStreamsReused.sum();
    for (StreamPool pool : streamPools.values()) {
      PoolStats s = pool.stats();
      streamsCreated += s.created();
      streamsReused += s.reused();
    }
    PoolStats s = sessions.stats();
    return new PoolFigures(sends.sum(), s.created(), s.reused(), streamsCreated, streamsReused);
  }

  /** Closes every stream pool and the session pool (and so their sessions). Idempotent. */
  @Override
  public void close() {
    for (WebTransportSession session : streamPools.keySet()) {
      retire(session);
    }
    sessions.close();
  }
}
