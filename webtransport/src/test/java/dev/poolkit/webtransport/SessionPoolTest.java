package dev.poolkit.webtransport;

import static org.junit.jupiter.api.Assertions.*;

import dev.poolkit.Lease;
import dev.poolkit.PoolClosedException;
import dev.poolkit.PoolCreateException;
import dev.poolkit.PoolStats;
import dev.poolkit.PoolTimeoutException;
import dev.poolkit.webtransport.fakes.FakeClient;
import dev.poolkit.webtransport.fakes.FakeConnection;
import dev.poolkit.webtransport.fakes.FakeSession;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SessionPool against fakes: PY-14, PY-B1, PY-7, PY-11, L-5. */
@Timeout(20)
class SessionPoolTest {
  static final URI URL = URI.create("https://127.0.0.1:4433/chat?room=1");
  final FakeClient client = new FakeClient();

  SessionPool.Builder pool() {
    return SessionPool.builder().client(client).url(URL);
  }

  static FakeSession fake(Lease<WebTransportSession> lease) {
    return (FakeSession) lease.get();
  }

  @Test
  void opensSessionsOnTheUrlsPathAndQueryWithTheHeaders_PY14() throws Exception {
    try (SessionPool p = pool().header("authorization", "Bearer x").build();
        Lease<WebTransportSession> lease = p.acquire()) {
      FakeSession s = fake(lease);
      assertEquals("/chat?room=1", s.path);
      assertEquals(Map.of("authorization", "Bearer x"), s.headers);
      assertEquals("127.0.0.1", s.connection.host());
      assertEquals(4433, s.connection.port());
    }
  }

  @Test
  void aReleasedSessionIsReusedAndItsConnectionWithIt_PY4() throws Exception {
    try (SessionPool p = pool().maxSize(4).build()) {
      WebTransportSession first;
      try (var lease = p.acquire()) {
        first = lease.get();
      }
      try (var lease = p.acquire()) {
        assertSame(first, lease.get());
      }
      PoolStats s = p.stats();
      assertEquals(1, s.created());
      assertEquals(1, s.reused());
      assertEquals(1, p.connectionsCreated());
      assertEquals(1, client.connectsStarted.get());
    }
  }

  @Test
  void sessionsShareAConnectionUpToTheLimitThenANewOneIsMade() throws Exception {
    try (SessionPool p = pool().maxSize(5).sessionsPerConnection(2).build()) {
      List<Lease<WebTransportSession>> leases = new ArrayList<>();
      for (int i = 0; i < 5; i++) leases.add(p.acquire());
      assertEquals(3, client.connections.size());
      for (FakeConnection c : client.connections) assertTrue(c.maxOpenSessionsSeen.get() <= 2);
      ConnectionStats cs = p.connectionStats();
      assertEquals(3, cs.created());
      assertEquals(2, cs.reused()); // sessions 2 and 4 went on existing connections
      assertEquals(3, cs.open());
      leases.forEach(Lease::close);
    }
  }

  @Test
  void withoutALimitTheServersMaxSessionsDecides() throws Exception {
    client.maxSessions = 3;
    try (SessionPool p = pool().maxSize(4).build()) {
      List<Lease<WebTransportSession>> leases = new ArrayList<>();
      for (int i = 0; i < 4; i++) leases.add(p.acquire());
      assertEquals(2, client.connections.size());
      assertEquals(3, client.connections.get(0).maxOpenSessionsSeen.get());
      leases.forEach(Lease::close);
    }
  }

  @Test
  void concurrentAcquiresOnAnEmptyPoolOpenOneConnection_L5() throws Exception {
    int n = 8;
    client.connectGate = new CountDownLatch(1);
    try (SessionPool p = pool().maxSize(n).sessionsPerConnection(n).build();
        ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Lease<WebTransportSession>>> fs = new ArrayList<>();
      for (int i = 0; i < n; i++) fs.add(ex.submit(() -> p.acquire()));
      while (p.stats().creating() < n) Thread.sleep(5); // all n creates are under way
      client.connectGate.countDown();
      for (var f : fs) f.get();
      assertEquals(1, client.connectsStarted.get());
      assertEquals(n, client.connections.get(0).maxOpenSessionsSeen.get());
      for (var f : fs) f.get().close();
    }
  }

  @Test
  void demandBeyondOneConnectionStartsJustEnoughConnects_L5() throws Exception {
    client.connectGate = new CountDownLatch(1);
    try (SessionPool p = pool().maxSize(5).sessionsPerConnection(2).build();
        ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Lease<WebTransportSession>>> fs = new ArrayList<>();
      for (int i = 0; i < 5; i++) fs.add(ex.submit(() -> p.acquire()));
      try {
        // A slot is claimed before its connector reaches connect(): wait for both counts. A fourth
        // connect could only start after the 5 s connect wait, so the count is exact.
        while (p.stats().creating() < 5 || client.connectsStarted.get() < 3) Thread.sleep(5);
        assertEquals(3, client.connectsStarted.get()); // ceil(5 / 2), not 5
      } finally {
        client.connectGate.countDown(); // never leave the executor waiting on the gate
      }
      for (var f : fs) f.get().close();
      assertEquals(3, client.connections.size());
    }
  }

  @Test
  void aHungConnectDoesNotHoldTheOthersPastTheConnectTimeout_L4() throws Exception {
    FakeClient slow = new FakeClient(Duration.ofMillis(200));
    slow.connectGate = new CountDownLatch(1);
    try (SessionPool p = SessionPool.builder().client(slow).url(URL).maxSize(2).sessionsPerConnection(2).build();
        ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Lease<WebTransportSession>> hung = ex.submit(() -> p.acquire());
      while (slow.connectsStarted.get() < 1) Thread.sleep(5);
      slow.connectGate = null; // later connects pass
      try (var lease = p.acquire()) { // waits 200 ms for the hung connect, then connects itself
        assertTrue(lease.get().isOpen());
      }
      assertEquals(2, slow.connectsStarted.get());
      hung.cancel(true);
    }
  }

  @Test
  void aSessionWhoseConnectionDiedIsNeverHandedOutAndANewConnectionIsMade_PYB1() throws Exception {
    try (SessionPool p = pool().maxSize(2).build()) {
      FakeSession first;
      try (var lease = p.acquire()) {
        first = fake(lease);
      }
      first.connection.die();
      try (var lease = p.acquire()) {
        assertNotSame(first, lease.get());
        assertTrue(lease.get().isOpen());
        assertNotSame(first.connection, fake(lease).connection);
      }
      assertEquals(1, first.closeCalls.get());
      assertEquals(1, first.connection.closeCalls.get()); // its last session went, so it is closed
      assertEquals(2, p.connectionsCreated());
      assertEquals(1, p.stats().dead());
    }
  }

  @Test
  void aSessionLeasedWhenItsConnectionDiesIsDisposedOnRelease_PYB1() throws Exception {
    try (SessionPool p = pool().maxSize(2).build()) {
      var lease = p.acquire();
      FakeSession s = fake(lease);
      s.connection.die();
      lease.close();
      assertEquals(1, s.closeCalls.get());
      assertEquals(0, p.stats().allocated());
      assertEquals(1, p.connectionStats().closed());
    }
  }

  @Test
  void aSessionClosedByThePeerIsNotReusedButItsConnectionIs() throws Exception {
    // FIFO (PY-4): the dead one, released first, is looked at first and disposed
    try (SessionPool p = pool().maxSize(2).sessionsPerConnection(2).reuseOrder(dev.poolkit.ReuseOrder.FIFO).build()) {
      var a = p.acquire();
      var b = p.acquire();
      FakeSession sa = fake(a);
      FakeSession sb = fake(b);
      b.close();
      sb.endByPeer();
      a.close();
      try (var lease = p.acquire()) {
        assertSame(sa, lease.get());
      }
      try (var lease = p.acquire()) {
        assertSame(sa.connection, fake(lease).connection); // the connection kept its other session
      }
      assertEquals(1, sb.closeCalls.get());
      assertEquals(1, p.connectionsCreated());
    }
  }

  @Test
  void aSessionIsRetiredAfterMaxStreamsPerSession() throws Exception {
    try (SessionPool p = pool().maxSize(1).maxStreamsPerSession(3).build()) {
      FakeSession first;
      try (var lease = p.acquire()) {
        first = fake(lease);
        for (int i = 0; i < 2; i++) lease.get().openStream();
      }
      try (var lease = p.acquire()) {
        assertSame(first, lease.get()); // 2 < 3: still reusable
        lease.get().openStream();
      }
      assertEquals(1, first.closeCalls.get());
      try (var lease = p.acquire()) {
        assertNotSame(first, lease.get());
      }
      assertEquals(1, first.connection.closeCalls.get());
    }
  }

  @Test
  void aRefusedSessionReachesTheCallerGivesCapacityBackAndTheNextAcquireWorks_PY7() throws Exception {
    try (SessionPool p = pool().maxSize(2).sessionsPerConnection(4).build(); var held = p.acquire()) {
      FakeConnection c = fake(held).connection;
      c.sessionFailures.add(new WebTransportRefusedException("forbidden", 403));
      PoolCreateException e = assertThrows(PoolCreateException.class, p::acquire);
      WebTransportRefusedException refused = assertInstanceOf(WebTransportRefusedException.class, e.getCause());
      assertEquals(403, refused.status());
      PoolStats s = p.stats();
      assertEquals(1, s.allocated()); // only the held one
      assertEquals(1, s.createFailures());
      assertTrue(c.isOpen()); // a refusal leaves the connection usable
      try (var lease = p.acquire(Duration.ofSeconds(1))) {
        assertSame(c, fake(lease).connection);
      }
      assertEquals(1, p.connectionsCreated());
    }
  }

  @Test
  void aRefusedFirstSessionClosesItsNewConnection_PY14() throws Exception {
    client.firstSessionFailures.add(new WebTransportRefusedException("not found", 404));
    try (SessionPool p = pool().maxSize(1).build()) {
      PoolCreateException e = assertThrows(PoolCreateException.class, p::acquire);
      assertEquals(404, assertInstanceOf(WebTransportRefusedException.class, e.getCause()).status());
      assertEquals(1, client.connections.get(0).closeCalls.get());
      assertEquals(0, p.stats().allocated());
      try (var lease = p.acquire()) {
        assertTrue(lease.get().isOpen());
      }
      assertEquals(new ConnectionStats(1, 0, 2, 1, 0, 0), p.connectionStats());
    }
  }

  @Test
  void aFailedConnectReachesTheCallerAndTheNextAcquireWorks_PY7() throws Exception {
    try (SessionPool p = pool().maxSize(1).build()) {
      client.connectFailures.add(new WebTransportTimeoutException("handshake timed out"));
      PoolCreateException e = assertThrows(PoolCreateException.class, p::acquire);
      assertInstanceOf(WebTransportTimeoutException.class, e.getCause());
      assertEquals(0, p.stats().allocated());
      assertEquals(1, p.connectionStats().connectFailures());
      try (var lease = p.acquire()) {
        assertTrue(lease.get().isOpen());
      }
    }
  }

  @Test
  void aStalledSessionOpenIsRetriedOnceOnAFreshConnection_G0() throws Exception {
    try (SessionPool p = pool().maxSize(2).sessionsPerConnection(2).build()) {
      var a = p.acquire();
      FakeConnection c = fake(a).connection;
      c.sessionFailures.add(new WebTransportTimeoutException("no answer"));
      try (var b = p.acquire()) {
        assertNotSame(c, fake(b).connection);
      }
      a.close();
      assertEquals(2, p.connectionsCreated());
    }
  }

  @Test
  void acquireTimesOutWhenEverySessionIsLeased() throws Exception {
    try (SessionPool p = pool().maxSize(1).build(); var held = p.acquire()) {
      assertThrows(PoolTimeoutException.class, () -> p.acquire(Duration.ofMillis(50)));
      assertEquals(1, p.stats().timeouts());
      assertEquals(1, client.connectsStarted.get());
    }
  }

  @Test
  void closeClosesIdleSessionsAndTheirConnectionsAndLeasedOnesOnReturn_PY11() throws Exception {
    SessionPool p = pool().maxSize(4).sessionsPerConnection(1).build();
    var leased = p.acquire();
    p.acquire().close(); // one idle
    assertEquals(2, client.connections.size());
    p.close();
    p.close(); // idempotent
    assertThrows(PoolClosedException.class, p::acquire);
    List<FakeSession> sessions = client.sessions();
    FakeSession l = fake(leased);
    for (FakeSession s : sessions) {
      assertEquals(s == l ? 0 : 1, s.closeCalls.get());
    }
    leased.close();
    for (FakeSession s : sessions) assertEquals(1, s.closeCalls.get());
    for (FakeConnection c : client.connections) assertEquals(1, c.closeCalls.get());
    assertEquals(new ConnectionStats(0, 0, 2, 2, 0, 0), p.connectionStats());
  }

  @Test
  void builderRejectsBadInputNamingIt_PY1() {
    assertThrows(IllegalArgumentException.class, () -> SessionPool.builder().maxSize(0), "PY-1");
    assertMessage("maxSize", () -> SessionPool.builder().maxSize(-1));
    assertMessage("sessionsPerConnection", () -> SessionPool.builder().sessionsPerConnection(0));
    assertMessage("maxStreamsPerSession", () -> SessionPool.builder().maxStreamsPerSession(0));
    assertMessage("scheme must be https", () -> SessionPool.builder().url(URI.create("http://h:1/")));
    assertMessage("scheme must be https", () -> SessionPool.builder().url(URI.create("/relative")));
    assertMessage("no host", () -> SessionPool.builder().url(URI.create("https:///x")));
    assertMessage("port", () -> SessionPool.builder().url(URI.create("https://h:0/x")));
    assertMessage("port", () -> SessionPool.builder().url(URI.create("https://h:70000/x")));
    assertMessage("fragment", () -> SessionPool.builder().url(URI.create("https://h:1/x#f")));
    assertMessage("user info", () -> SessionPool.builder().url(URI.create("https://u@h:1/x")));
    assertEquals("url is required",
        assertThrows(IllegalStateException.class, () -> SessionPool.builder().client(client).build()).getMessage());
    assertEquals("client is required",
        assertThrows(IllegalStateException.class, () -> SessionPool.builder().url(URL).build()).getMessage());
  }

  @Test
  void aUrlWithoutPortOrPathMeansPort443AndSlash() throws Exception {
    try (SessionPool p = SessionPool.builder().client(client).url(URI.create("https://[::1]")).build();
        var lease = p.acquire()) {
      assertEquals("::1", fake(lease).connection.host());
      assertEquals(443, fake(lease).connection.port());
      assertEquals("/", fake(lease).path);
    }
  }

  static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
