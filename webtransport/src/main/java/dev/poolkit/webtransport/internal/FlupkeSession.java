package dev.poolkit.webtransport.internal;

import dev.poolkit.webtransport.CloseInfo;
import dev.poolkit.webtransport.WebTransportConnection;
import dev.poolkit.webtransport.WebTransportException;
import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tech.kwik.core.QuicConnection;
import tech.kwik.flupke.webtransport.Session;

/**
 * A Flupke session, client or server side. It owns Flupke's single terminated-listener slot and
 * turns it into {@link #closeFuture()}; streams the peer opens go to the handler, each on its own
 * virtual thread (Flupke calls its stream handlers under a lock: a blocking handler would stall
 * every stream of the connection).
 */
final class FlupkeSession implements WebTransportSession {
  /** Largest close reason (draft-ietf-webtrans-http3: 1024 bytes). */
  static final int MAX_REASON_BYTES = 1024;
  private static final long MAX_CODE = 0xFFFF_FFFFL;

  private final String path;
  private final @Nullable KwikConnection connection;
  private final @Nullable QuicConnection quic;
  /** Nudges the connection's streams after Flupke writes a capsule (see {@link SendNudge}). */
  private final SendNudge flupkeWrites;
  private final boolean ownsConnection;
  private final Duration operationTimeout;
  private final CompletableFuture<CloseInfo> closed = new CompletableFuture<>();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicLong streamsOpened = new AtomicLong();
  private final ReentrantLock handlerLock = new ReentrantLock();
  private final List<WebTransportStream> early = new ArrayList<>();
  private @Nullable Consumer<WebTransportStream> handler;
  private volatile @Nullable Session session;
  private final ConnectionDatagrams datagrams;
  private final DatagramInbox inbox = new DatagramInbox();
  /** The CONNECT stream id, known once bound; -1 before. */
  private volatile long sessionId = -1;
  private volatile boolean broken;

  FlupkeSession(String path, @Nullable QuicConnection quic, SendNudge flupkeWrites, ConnectionDatagrams datagrams,
      @Nullable KwikConnection connection, boolean ownsConnection, Duration operationTimeout) {
    this.path = path;
    this.quic = quic;
    this.flupkeWrites = flupkeWrites;
    this.datagrams = datagrams;
    this.connection = connection;
    this.ownsConnection = ownsConnection;
    this.operationTimeout = operationTimeout;
  }

  /** Records use of this session's connection, for the client's own idle watch. */
  void touch() {
    if (connection != null) {
      connection.touch();
    }
  }

  /** Binds the Flupke session, once it exists; a session closed meanwhile is closed at once. */
  void bind(Session flupke) {
    this.session = flupke;
    this.sessionId = flupke.getSessionId();
    datagrams.register(sessionId, inbox);
    if (closed.isDone()) {
      unregisterDatagrams();
    }
    flupke.registerSessionTerminatedEventListener(this::terminated);
    if (closing.get()) {
      closeQuietly(flupke, 0, "");
    }
  }

  /** Flupke's handler for streams the peer opens. */
  Consumer<tech.kwik.flupke.webtransport.WebTransportStream> incoming(boolean bidirectional) {
    return raw -> deliver(new TrackedStream(this, quic, raw, true, bidirectional));
  }

  private void deliver(WebTransportStream stream) {
    Consumer<WebTransportStream> h;
    handlerLock.lock();
    try {
      h = handler;
      if (h == null) {
        early.add(stream);
        return;
      }
    } finally {
      handlerLock.unlock();
    }
    dispatch(h, stream);
  }

  private static void dispatch(Consumer<WebTransportStream> handler, WebTransportStream stream) {
    Thread.ofVirtual().name("poolkit-wt-stream").start(() -> handler.accept(stream));
  }

  @Override
  public void onIncomingStream(Consumer<WebTransportStream> handler) {
    Objects.requireNonNull(handler, "handler");
    List<WebTransportStream> waiting;
    handlerLock.lock();
    try {
      this.handler = handler;
      waiting = List.copyOf(early);
      early.clear();
    } finally {
      handlerLock.unlock();
    }
    for (WebTransportStream stream : waiting) {
      dispatch(handler, stream);
    }
  }

  private void terminated(long signedCode, String reason) {
    // The capsule's code is an unsigned 32-bit integer; Flupke 0.9.4 reads it as a signed int, so
    // 2^31..2^32-1 arrive negative (measured: 4294967295 came as -1).
    long code = signedCode & MAX_CODE;
    CloseInfo info;
    if (closing.get()) {
      info = new CloseInfo(CloseInfo.Cause.LOCAL, code, reason);
    } else if (connection != null && !connection.isOpen()) {
      info = connection.closeFuture().getNow(new CloseInfo(CloseInfo.Cause.CONNECTION_CLOSED, 0, ""));
      info = new CloseInfo(CloseInfo.Cause.CONNECTION_CLOSED, info.code(), info.reason());
    } else {
      info = new CloseInfo(CloseInfo.Cause.PEER, code, reason == null ? "" : reason);
    }
    end(info);
  }

  /** The connection under this session ended. */
  void connectionEnded(CloseInfo info) {
    end(new CloseInfo(CloseInfo.Cause.CONNECTION_CLOSED, info.code(), info.reason()));
  }

  private void end(CloseInfo info) {
    if (closed.complete(info)) {
      unregisterDatagrams();
      if (connection != null) {
        connection.sessionEnded(this);
        if (ownsConnection) {
          connection.close();
        }
      }
    }
  }

  private void unregisterDatagrams() {
    inbox.close();
    long id = sessionId;
    if (id >= 0) {
      datagrams.unregister(id);
    }
  }

  @Override public String path() { return path; }
  @Override public @Nullable WebTransportConnection connection() { return connection; }

  @Override
  public boolean isOpen() {
    Session s = session;
    return s != null && !closed.isDone() && !closing.get() && s.isOpen()
        && (connection == null || connection.isOpen());
  }

  @Override public boolean isBroken() { return broken; }

  @Override
  public boolean isReusable() {
    if (broken || inbox.unread() > 0 || !isOpen()) {
      return false;
    }
    handlerLock.lock();
    try {
      return early.isEmpty();
    } finally {
      handlerLock.unlock();
    }
  }

  @Override public long streamsOpened() { return streamsOpened.get(); }

  @Override
  public int maxDatagramSize() {
    long id = sessionId;
    return id < 0 || !isOpen() ? 0 : datagrams.maxPayload(id);
  }

  @Override
  public void sendDatagram(byte[] payload) throws IOException {
    Objects.requireNonNull(payload, "payload");
    openSession();
    long id = sessionId;
    int max = datagrams.maxPayload(id);
    if (payload.length > max) {
      String why = datagrams.unsupported();
      if (why != null) {
        throw new WebTransportException("cannot send a datagram on session " + path + ": " + why);
      }
      throw new IllegalArgumentException("datagram payload is " + payload.length
          + " bytes, more than this session's limit of " + max + " bytes (maxDatagramSize())");
    }
    try {
      datagrams.send(id, payload);
    } catch (RuntimeException e) {
      broken = true; // Kwik refused a frame we checked: its state is not what we think
      throw new WebTransportException("sending a datagram on session " + path + " failed: " + e, e);
    }
    touch();
  }

  @Override
  public byte @Nullable [] receiveDatagram(Duration timeout) throws IOException, InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    byte[] payload = inbox.poll(timeout);
    if (payload == null && inbox.isClosed()) {
      CloseInfo info = closed.getNow(null);
      throw new WebTransportException("session " + path + " has ended" + (info == null ? "" : " (" + info + ")"));
    }
    if (payload != null) {
      touch();
    }
    return payload;
  }

  @Override public long datagramsDropped() { return inbox.dropped(); }

  @Override
  public WebTransportStream openStream() throws IOException, InterruptedException {
    return openStream(operationTimeout);
  }

  @Override
  public WebTransportStream openStream(Duration timeout) throws IOException, InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    Session s = openSession();
    // createBidirectionalStream blocks while the peer's stream credit is used up, without deadline.
    tech.kwik.flupke.webtransport.WebTransportStream raw =
        withinOrBroken(timeout, "opening a stream on " + path, s::createBidirectionalStream);
    streamsOpened.incrementAndGet();
    return new TrackedStream(this, quic, raw, true, true);
  }

  @Override
  public WebTransportStream openUnidirectionalStream() throws IOException, InterruptedException {
    Session s = openSession();
    tech.kwik.flupke.webtransport.WebTransportStream raw =
        withinOrBroken(operationTimeout, "opening a unidirectional stream on " + path, s::createUnidirectionalStream);
    streamsOpened.incrementAndGet();
    return new TrackedStream(this, quic, raw, false, true);
  }

  /** A stream open that misses its deadline or fails on an open session breaks the session. */
  private tech.kwik.flupke.webtransport.WebTransportStream withinOrBroken(Duration timeout, String what,
      Blocking.Call<tech.kwik.flupke.webtransport.WebTransportStream> open) throws IOException, InterruptedException {
    try {
      return Blocking.within(timeout, what, open, orphan -> closeQuietly(orphan));
    } catch (IOException | RuntimeException e) {
      if (isOpen()) {
        broken = true;
      }
      throw e;
    }
  }

  private Session openSession() throws WebTransportException {
    Session s = session;
    if (s == null || !isOpen()) {
      CloseInfo info = closed.getNow(null);
      throw new WebTransportException("session " + path + " is closed" + (info == null ? "" : " (" + info + ")"));
    }
    return s;
  }

  @Override public CompletableFuture<CloseInfo> closeFuture() { return closed; }

  @Override
  public void close(long code, String reason) {
    validate(code, reason);
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    Session s = session;
    if (s != null) {
      closeQuietly(s, code, reason);
      flupkeWrites.afterWrite();
    }
    // Flupke calls the terminated listener for a local close; make sure the future completes
    // even if it did not (a session whose connection is already gone).
    end(new CloseInfo(CloseInfo.Cause.LOCAL, code, reason));
  }

  @Override
  public void close() {
    close(0, "");
  }

  static void validate(long code, String reason) {
    if (code < 0 || code > MAX_CODE) {
      throw new IllegalArgumentException("code must be 0..4294967295 (an unsigned 32-bit integer), was " + code);
    }
    Objects.requireNonNull(reason, "reason");
    int bytes = reason.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_REASON_BYTES) {
      throw new IllegalArgumentException("reason must be at most " + MAX_REASON_BYTES + " UTF-8 bytes, was " + bytes);
    }
  }

  private static void closeQuietly(Session s, long code, String reason) {
    try {
      s.close(code, reason);
    } catch (IOException | RuntimeException ignored) {
      // The session or its connection is already gone: closed either way.
    }
  }

  private static void closeQuietly(tech.kwik.flupke.webtransport.WebTransportStream orphan) {
    try {
      orphan.getOutputStream().close();
      orphan.getInputStream().close();
    } catch (IOException | RuntimeException ignored) {
      // Nobody wants this stream any more.
    }
  }

  @Override
  public String toString() {
    return "WebTransportSession[" + path + (isOpen() ? ", open" : ", closed") + "]";
  }
}
