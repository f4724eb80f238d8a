package dev.poolkit.webtransport.internal;

import dev.poolkit.webtransport.WebTransportException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import tech.kwik.core.QuicConnection;

/**
 * WebTransport datagrams of one QUIC connection, which Flupke 0.9.4 does not handle at all.
 *
 * <p>On the wire (RFC 9297 section 2.1, draft-ietf-webtrans-http3 section 4.4) each is one QUIC
 * DATAGRAM frame (RFC 9221, which Kwik implements): a varint Quarter Stream ID, the session's
 * CONNECT stream id divided by 4, then the payload. This class owns the connection's single Kwik
 * datagram handler and hands each arrival to its session's {@link DatagramInbox}.
 *
 * <p>A datagram for a session not registered yet (the peer may send one as soon as it has the
 * CONNECT's 200, before this side has bound the session) is kept for up to {@link #EARLY_NANOS},
 * at most {@link #EARLY_CAPACITY} per connection, as RFC 9297 allows; other arrivals that fit no
 * session, or are malformed, are dropped and counted.
 */
final class ConnectionDatagrams {
  static final int EARLY_CAPACITY = 32;
  static final long EARLY_NANOS = 1_000_000_000L;
  /** The authentication tag of every QUIC v1 packet protection AEAD (RFC 9001 section 5.3). */
  static final int AEAD_TAG_BYTES = 16;

  /** For a session whose QUIC connection is unknown (gone before the session was accepted). */
  static final ConnectionDatagrams NONE = new ConnectionDatagrams(null, () -> false);

  private final @Nullable QuicConnection quic;
  private final BooleanSupplier peerSupportsHttpDatagrams;
  private final Map<Long, DatagramInbox> sessions = new ConcurrentHashMap<>();
  private final ReentrantLock earlyLock = new ReentrantLock();
  private final ArrayDeque<Early> early = new ArrayDeque<>();
  private final AtomicLong unmatched = new AtomicLong();

  private ConnectionDatagrams(@Nullable QuicConnection quic, BooleanSupplier peerSupportsHttpDatagrams) {
    this.quic = quic;
    this.peerSupportsHttpDatagrams = peerSupportsHttpDatagrams;
  }

  /**
   * Takes over {@code quic}'s datagram handler. The handler runs on Kwik's receiver thread (a
   * direct executor: Kwik's default would start a thread per connection that nobody stops); it
   * only parses and queues.
   *
   * @param peerSupportsHttpDatagrams whether the peer's HTTP/3 SETTINGS had H3_DATAGRAM = 1
   */
  static ConnectionDatagrams attach(QuicConnection quic, BooleanSupplier peerSupportsHttpDatagrams) {
    ConnectionDatagrams datagrams = new ConnectionDatagrams(quic, peerSupportsHttpDatagrams);
    quic.setDatagramHandler(datagrams::received, new DirectExecutor());
    return datagrams;
  }

  /** Routes datagrams of {@code sessionId} to {@code inbox}, including ones that came early. */
  void register(long sessionId, DatagramInbox inbox) {
    long quarter = quarter(sessionId);
    sessions.put(quarter, inbox);
    earlyLock.lock();
    try {
      long now = System.nanoTime();
      early.removeIf(e -> {
        if (e.quarter == quarter) {
          inbox.offer(e.payload);
          return true;
        }
        if (now - e.arrival > EARLY_NANOS) {
          unmatched.incrementAndGet();
          return true;
        }
        return false;
      });
    } finally {
      earlyLock.unlock();
    }
  }

  void unregister(long sessionId) {
    sessions.remove(quarter(sessionId));
  }

  /**
   * Why datagrams cannot be sent on this connection, or null if they can: Kwik only sends when the
   * peer announced {@code max_datagram_frame_size}, and RFC 9297 also wants its SETTINGS_H3_DATAGRAM.
   */
  @Nullable String unsupported() {
    if (quic == null) {
      return "the connection is gone";
    }
    if (!quic.canSendDatagram()) {
      return "the peer did not enable QUIC datagrams (no max_datagram_frame_size transport parameter, RFC 9221)";
    }
    if (!peerSupportsHttpDatagrams.getAsBoolean()) {
      return "the peer did not send SETTINGS_H3_DATAGRAM = 1 (RFC 9297)";
    }
    return null;
  }

  /** The largest payload a datagram of {@code sessionId} can carry now; 0 if none can be sent. */
  int maxPayload(long sessionId) {
    if (unsupported() != null) {
      return 0;
    }
    // Kwik's limit is the peer's max_datagram_frame_size or the packet room left after the short
    // header and the frame's own type and length, but it forgets the packet's AEAD tag: frames up
    // to 16 bytes over the real room are accepted and then never sent (measured, NOTES).
    return Math.max(0, quic.maxDatagramDataSize() - AEAD_TAG_BYTES - QuicVarint.length(quarter(sessionId)));
  }

  /**
   * Sends one datagram; the caller checked the size against {@link #maxPayload}.
   *
   * @throws WebTransportException if datagrams cannot be sent on this connection, naming why
   */
  void send(long sessionId, byte[] payload) throws WebTransportException {
    String why = unsupported();
    if (why != null) {
      throw new WebTransportException("cannot send a datagram: " + why);
    }
    long quarter = quarter(sessionId);
    byte[] frame = new byte[QuicVarint.length(quarter) + payload.length];
    int offset = QuicVarint.write(quarter, frame, 0);
    System.arraycopy(payload, 0, frame, offset, payload.length);
    quic.sendDatagram(frame);
  }

  /** Datagrams that matched no session and were dropped, or were malformed. */
  long unmatched() {
    return unmatched.get();
  }

  private void received(byte[] frame) {
    int length = QuicVarint.lengthAt(frame, 0);
    if (length < 0) {
      unmatched.incrementAndGet();
      return;
    }
    long quarter = QuicVarint.read(frame, 0);
    byte[] payload = Arrays.copyOfRange(frame, length, frame.length);
    DatagramInbox inbox = sessions.get(quarter);
    if (inbox != null) {
      inbox.offer(payload);
      return;
    }
    earlyLock.lock();
    try {
      inbox = sessions.get(quarter); // registered meanwhile: register drains under this lock
      if (inbox != null) {
        inbox.offer(payload);
        return;
      }
      long now = System.nanoTime();
      while (!early.isEmpty() && (early.size() >= EARLY_CAPACITY || now - early.peekFirst().arrival > EARLY_NANOS)) {
        early.pollFirst();
        unmatched.incrementAndGet();
      }
      early.addLast(new Early(quarter, payload, now));
    } finally {
      earlyLock.unlock();
    }
  }

  private static long quarter(long sessionId) {
    if (sessionId < 0 || sessionId % 4 != 0) {
      throw new IllegalArgumentException("a session id is a client bidirectional stream id (a multiple of 4), was "
          + sessionId);
    }
    return sessionId / 4;
  }

  private record Early(long quarter, byte[] payload, long arrival) {}
}
