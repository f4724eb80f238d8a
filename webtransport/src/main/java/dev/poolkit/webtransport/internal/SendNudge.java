package dev.poolkit.webtransport.internal;

import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.common.EncryptionLevel;
import tech.kwik.core.impl.QuicConnectionImpl;
import tech.kwik.core.stream.FlowControlUpdateListener;
import tech.kwik.core.stream.QuicStreamImpl;
import tech.kwik.core.stream.StreamManager;

/**
 * Works around a lost send request in Kwik 0.10.8, the only use of Kwik's non-exported classes
 * (classpath only, like {@link FlupkeAccess}; {@code FlupkeAccessTest} pins their shape).
 *
 * <p>Kwik's stream output queues one "send my data" request per write and counts queued requests:
 * the writer checks the count is 0, queues, then increments. When the sender thread takes that
 * request before the increment, sends only part of the buffered data (the packet was partly full)
 * and wants to queue a request for the rest, it sees the count at -1 and queues none. The rest then
 * sits in the buffer until the stream's next write: a request/response exchange on a long-lived
 * stream stops dead (seen after 81 and 908 round trips of 1000 bytes, 702 and 717 bytes left
 * unsent, no request queued).
 *
 * <p>The nudge, run after every write and close, queues a task on the connection's sender thread
 * that asks the stream to queue a send request again. On the sender thread it cannot race the
 * sender; once the write has returned its own race is over, so whatever that write left behind is
 * sent. When nothing is left it costs one empty pass of the sender. A rarer stall remains after
 * that (about 2 in 360,000 round trips: a whole write left in the buffer, nothing queued, seen
 * with the congestion window at its minimum), so the nudge is repeated at growing intervals for a
 * few seconds after the last write.
 *
 * <p>Flupke writes on streams of its own that no {@link TrackedStream} sees: the HTTP/3 control
 * stream's SETTINGS, a session's CONNECT request and its answer, capsules. {@link #forConnection}
 * nudges every stream of a connection the same way; it is kicked when a connection starts and when
 * a session opens, is accepted or closes, the moments Flupke writes.
 */
final class SendNudge {
  /** First re-nudge after a write; later ones back off, doubling with the time since the last write. */
  private static final long FIRST_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** No re-nudges once the stream wrote nothing for this long. */
  private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final SendNudge NONE = new SendNudge(null);

  private final @Nullable Runnable kick;
  private final AtomicBoolean watching = new AtomicBoolean();
  private volatile long lastWrite;
  private volatile int[] reached = new int[0];

  private SendNudge(@Nullable Runnable kick) {
    this.kick = kick;
  }

  /**
   * The nudge for a stream output of {@code connection}; it does nothing when either is not the
   * Kwik class this works around (a unidirectional stream the peer opened has no output).
   */
  static SendNudge forOutput(@Nullable QuicConnection connection, @Nullable OutputStream kwikOutput) {
    if (!(connection instanceof QuicConnectionImpl quic) || !(kwikOutput instanceof FlowControlUpdateListener stream)) {
      return NONE;
    }
    return new SendNudge(() -> quic.send(maxFrameSize -> {
      // The stream id is only logged; the stream queues its own request, which this pass picks up.
      stream.streamNotBlocked(0);
      return null;
    }, 1, EncryptionLevel.App, lost -> {}, true));
  }

  /**
   * The nudge for every stream of {@code connection} (see the class comment). Kwik keeps its stream
   * table private, so this needs reflection, which works on the class path; where it is refused
   * (Kwik on the module path) the nudge does nothing.
   */
  static SendNudge forConnection(@Nullable QuicConnection connection) {
    Field streams = StreamTable.STREAMS;
    Method manager = StreamTable.MANAGER;
    if (!(connection instanceof QuicConnectionImpl quic) || streams == null || manager == null) {
      return NONE;
    }
    SendNudge[] self = new SendNudge[1];
    self[0] = new SendNudge(() -> quic.send(maxFrameSize -> {
      try {
        Map<?, ?> all = (Map<?, ?>) streams.get(manager.invoke(quic));
        int[] ids = new int[all.size()];
        int n = 0;
        for (Object stream : all.values()) {
          if (stream instanceof QuicStreamImpl s && s.getOutputStream() instanceof FlowControlUpdateListener out) {
            out.streamNotBlocked(0);
            if (n < ids.length) {
              ids[n++] = s.getStreamId();
            }
          }
        }
        self[0].reached = java.util.Arrays.copyOf(ids, n);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // A connection being torn down; the next kick, if any, tries again.
      }
      return null;
    }, 1, EncryptionLevel.App, lost -> {}, true));
    return self[0];
  }

  /** The ids of the streams the last connection-wide nudge reached; for tests. */
  int[] reached() {
    return reached;
  }

  /** Kwik's private stream table, or nulls where reflection is refused. */
  private static final class StreamTable {
    static final @Nullable Method MANAGER;
    static final @Nullable Field STREAMS;

    static {
      Method manager = null;
      Field streams = null;
      try {
        manager = QuicConnectionImpl.class.getDeclaredMethod("getStreamManager");
        manager.setAccessible(true);
        streams = StreamManager.class.getDeclaredField("streams");
        streams.setAccessible(true);
      } catch (ReflectiveOperationException | RuntimeException e) {
        manager = null;
        streams = null;
      }
      MANAGER = manager;
      STREAMS = streams;
    }

    private StreamTable() {}
  }

  /** Whether this nudge reaches Kwik (false: the shapes it relies on changed). */
  boolean isActive() {
    return kick != null;
  }

  /**
   * Called after every write and close of the stream: nudges at once, then again at growing
   * intervals (50 ms, then about twice the time since the last write) for 5 s after the last write,
   * in case the stream's data waited for credit or room when the first nudge came. At most one timer
   * task per stream is pending.
   */
  void afterWrite() {
    Runnable k = kick;
    if (k == null) {
      return;
    }
    k.run();
    lastWrite = System.nanoTime();
    if (watching.compareAndSet(false, true)) {
      Scheduler.schedule(this::tick, FIRST_NANOS);
    }
  }

  private void tick() {
    Runnable k = kick;
    if (k == null) {
      return;
    }
    k.run();
    long since = System.nanoTime() - lastWrite;
    if (since < WINDOW_NANOS) {
      Scheduler.schedule(this::tick, Math.max(FIRST_NANOS, since));
      return;
    }
    watching.set(false);
    // A write between the check and the reset found the flag still set: watch for it.
    if (System.nanoTime() - lastWrite < WINDOW_NANOS && watching.compareAndSet(false, true)) {
      Scheduler.schedule(this::tick, FIRST_NANOS);
    }
  }
}
