package dev.poolkit.webtransport;

import static org.junit.jupiter.api.Assertions.*;

import dev.poolkit.Lease;
import dev.poolkit.PoolCreateException;
import dev.poolkit.webtransport.fakes.FakeClient;
import dev.poolkit.webtransport.fakes.FakeConnection;
import dev.poolkit.webtransport.fakes.FakeSession;
import dev.poolkit.webtransport.fakes.FakeStream;
import dev.poolkit.webtransport.fakes.Ticks;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many virtual threads lease sessions and streams while connections and sessions die at random;
 * the invariants are checked exactly: PY-2 (never more than maxSize sessions exist), PY-B2 (never
 * two holders of one session or stream), PY-B1/PY-B6 (nothing that died or was spoiled before an
 * acquire started is handed out by it), PY-14 (never more than sessionsPerConnection sessions on a
 * connection, every connection carried a session: no wasted connects, L-5) and PO-B5/PY-12 (after
 * close every connection, session and stream was closed exactly once).
 */
@Timeout(60)
class PoolsSoakTest {
  static final int MAX_SESSIONS = 6;
  static final int PER_CONNECTION = 2;
  static final int WORKERS = 48;
  static final int ROUNDS = 150;

  final FakeClient client = new FakeClient();
  final Queue<String> violations = new ConcurrentLinkedQueue<>();
  final Map<Object, Thread> holders = new ConcurrentHashMap<>();
  /** Objects seen dead or spoiled before their release: death is for good, so never again. */
  final Map<Object, Boolean> releasedDead = new ConcurrentHashMap<>();
  final AtomicInteger createFailures = new AtomicInteger();
  final AtomicLong streamLeases = new AtomicLong();

  @Test
  void sessionAndStreamPoolsKeepTheirInvariantsWhileConnectionsDieAtRandom() throws Exception {
    SessionPool sessions = SessionPool.builder().client(client).url(URI.create("https://127.0.0.1:4433/soak"))
        .maxSize(MAX_SESSIONS).sessionsPerConnection(PER_CONNECTION).maxStreamsPerSession(12)
        .acquireTimeout(Duration.ofSeconds(20)).build();
    AtomicBoolean running = new AtomicBoolean(true);
    try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> killer = ex.submit(() -> kill(running));
      List<Future<?>> workers = new java.util.ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        long seed = w;
        workers.add(ex.submit(() -> work(sessions, new SplittableRandom(seed))));
      }
      for (Future<?> f : workers) f.get();
      running.set(false);
      killer.get();
    }
    sessions.close();

    assertEquals(List.of(), List.copyOf(violations));
    assertEquals(0, sessions.stats().allocated());
    assertTrue(client.maxLiveSessions.get() <= MAX_SESSIONS, "PY-2: " + client.maxLiveSessions);
    assertEquals(0, client.liveSessions.get());
    assertTrue(client.connections.size() > 1, "connections died and were replaced");
    for (FakeConnection c : client.connections) {
      assertEquals(1, c.closeCalls.get(), "connection closed exactly once");
      assertTrue(c.maxOpenSessionsSeen.get() <= PER_CONNECTION, "sessions per connection");
      assertTrue(c.sessionAttempts.get() >= 1, "every connection was made for a session (L-5)");
    }
    long streams = 0;
    for (FakeSession s : client.sessions()) {
      assertEquals(1, s.closeCalls.get(), "session closed exactly once");
      for (FakeStream st : s.streams) {
        assertEquals(1, st.closeCalls.get(), "stream closed exactly once");
        streams++;
      }
    }
    ConnectionStats cs = sessions.connectionStats();
    assertEquals(new ConnectionStats(0, 0, client.connections.size(), client.connections.size(), 0, cs.reused()), cs);
    assertTrue(streamLeases.get() > streams, "streams were reused: " + streamLeases + " leases, " + streams + " streams");
    assertEquals(createFailures.get(), sessions.stats().createFailures());
  }

  private void work(SessionPool sessions, SplittableRandom random) {
    for (int round = 0; round < ROUNDS; round++) {
      long start = Ticks.next();
      Lease<WebTransportSession> lease;
      try {
        lease = sessions.acquire();
      } catch (PoolCreateException e) {
        if (!(e.getCause() instanceof WebTransportException)) violations.add("unexpected " + e);
        createFailures.incrementAndGet();
        continue;
      } catch (Exception e) {
        violations.add("acquire failed: " + e);
        return;
      }
      FakeSession s = (FakeSession) lease.get();
      hold(s);
      if (died(s.connection.deathTick, start) || died(s.deathTick, start)) {
        violations.add("PY-B1: handed out a session that died before the acquire started");
      }
      if (releasedDead.containsKey(s)) violations.add("PY-B1: handed out a session released dead");
      if (random.nextInt(3) > 0) useStreams(s, random);
      unhold(s);
      if (!s.isOpen()) releasedDead.put(s, true);
      if (random.nextInt(10) == 0) lease.invalidate(); else lease.close();
    }
  }

  private void useStreams(FakeSession session, SplittableRandom random) {
    try (StreamPool streams = StreamPool.builder().session(session).maxSize(2).build()) {
      for (int i = 0; i < 4; i++) {
        long start = Ticks.next();
        try (Lease<WebTransportStream> lease = streams.acquire(Duration.ofSeconds(5))) {
          streamLeases.incrementAndGet();
          FakeStream st = (FakeStream) lease.get();
          hold(st);
          if (died(st.defectTick, start)) violations.add("PY-B6: handed out a spoiled stream");
          if (releasedDead.containsKey(st)) violations.add("PY-B6: handed out a stream released spoiled");
          switch (random.nextInt(8)) {
            case 0 -> st.finish();
            case 1 -> st.bytesArrived();
            case 2 -> st.breakIt();
            case 3 -> st.peerFinished();
            default -> { }
          }
          unhold(st);
          if (!st.isReusable()) releasedDead.put(st, true);
        } catch (PoolCreateException e) {
          return; // the session ended under us: its streams are dead
        }
      }
    } catch (Exception e) {
      violations.add("stream pool: " + e);
    }
  }

  private void kill(AtomicBoolean running) {
    SplittableRandom random = new SplittableRandom(42);
    while (running.get()) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        return;
      }
      List<FakeConnection> cs = client.connections;
      if (cs.isEmpty()) continue;
      FakeConnection c = cs.get(random.nextInt(cs.size()));
      if (random.nextInt(4) == 0) {
        c.die();
      } else if (!c.sessions.isEmpty()) {
        c.sessions.get(random.nextInt(c.sessions.size())).endByPeer();
      }
    }
  }

  private static boolean died(long tick, long start) {
    return tick != 0 && tick < start;
  }

  private void hold(Object o) {
    Thread other = holders.putIfAbsent(o, Thread.currentThread());
    if (other != null) violations.add("PY-B2: " + o + " held by two threads");
  }

  private void unhold(Object o) {
    holders.remove(o);
  }
}
