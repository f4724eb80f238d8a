package dev.poolkit.webtransport;

import static org.junit.jupiter.api.Assertions.*;

import dev.poolkit.Lease;
import dev.poolkit.PoolTimeoutException;
import dev.poolkit.webtransport.fakes.FakeClient;
import dev.poolkit.webtransport.fakes.FakeConnection;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** KeyedConnectionPool against fakes: the ClickHouse row, CH-1..CH-6, CH-B4, PY-B1. */
@Timeout(10)
class KeyedConnectionPoolTest {
  static final Endpoint A = new Endpoint("127.0.0.1", 4433);
  static final Endpoint B = new Endpoint("::1", 4434);
  final FakeClient client = new FakeClient();

  @Test
  void onePoolPerEndpointMadeOnFirstUseConnectingToIt_CH1() throws Exception {
    try (var p = KeyedConnectionPool.builder().client(client).build()) {
      assertEquals(Set.of(), p.keys());
      WebTransportConnection first;
      try (var lease = p.acquire(A)) {
        first = lease.get();
        assertEquals("127.0.0.1", first.host());
        assertEquals(4433, first.port());
      }
      try (var lease = p.acquire("127.0.0.1", 4433)) {
        assertSame(first, lease.get());
      }
      assertEquals(Set.of(A), p.keys());
      assertEquals(1, p.stats(A).reused());
      assertEquals(0, p.stats(B).allocated());
    }
  }

  @Test
  void thePerEndpointLimitMayDependOnTheEndpoint_CH2_CHB4() throws Exception {
    try (var p = KeyedConnectionPool.builder().client(client)
        .maxPerEndpoint(e -> e.equals(A) ? 1 : 2).acquireTimeout(Duration.ofMillis(50)).build()) {
      var a = p.acquire(A);
      assertNull(p.tryAcquire(A));
      assertThrows(PoolTimeoutException.class, () -> p.acquire(A));
      var b1 = p.acquire(B);
      var b2 = p.acquire(B);
      assertNull(p.tryAcquire(B));
      assertEquals(1, p.stats(A).capacity());
      assertEquals(2, p.stats(B).capacity());
      a.close();
      b1.close();
      b2.close();
    }
  }

  @Test
  void theGlobalLimitClosesAnIdleConnectionOfAnotherEndpointToMakeRoom() throws Exception {
    try (var p = KeyedConnectionPool.builder().client(client).maxPerEndpoint(2).maxTotal(2).build()) {
      var a1 = p.acquire(A);
      p.acquire(A).close(); // A: one leased, one idle
      FakeConnection idleA = client.connections.get(1);
      try (var b = p.acquire(B)) {
        assertEquals(4434, b.get().port());
      }
      assertEquals(1, idleA.closeCalls.get());
      assertEquals(2, p.stats().allocated());
      try (var b = p.acquire(B)) {
        assertNull(p.tryAcquire(A), "both leased: a leased connection is never taken (CH-B5)");
        assertNull(p.tryAcquire(B));
      }
      a1.close();
    }
  }

  @Test
  void anExpiredLeaseClosesItsConnectionAndANewOneIsMade_CH3() throws Exception {
    try (var p = KeyedConnectionPool.builder().client(client).build()) {
      var lease = p.acquire(A);
      FakeConnection c = (FakeConnection) lease.get();
      lease.invalidate();
      assertEquals(1, c.closeCalls.get());
      try (var next = p.acquire(A)) {
        assertNotSame(c, next.get());
      }
    }
  }

  @Test
  void aDeadConnectionIsNeverHandedOut_PYB1() throws Exception {
    try (var p = KeyedConnectionPool.builder().client(client).build()) {
      FakeConnection c;
      try (var lease = p.acquire(A)) {
        c = (FakeConnection) lease.get();
      }
      c.die();
      try (var lease = p.acquire(A)) {
        assertNotSame(c, lease.get());
        assertTrue(lease.get().isOpen());
      }
      assertEquals(1, c.closeCalls.get());
      assertEquals(1, p.stats(A).dead());
    }
  }

  @Test
  void idleConnectionsExpireAndThenTheEndpointsPoolIsDropped_CH5_CH6() throws Exception {
    try (var p = KeyedConnectionPool.builder().client(client)
        .idleTimeout(Duration.ofMillis(40)).idlePoolTimeout(Duration.ofMillis(40)).build()) {
      p.acquire(A).close();
      FakeConnection c = client.connections.get(0);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      // the core drops the key first and adds its counters to the totals just after: wait for both
      while ((c.closeCalls.get() == 0 || !p.keys().isEmpty() || p.stats().created() == 0)
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(1, c.closeCalls.get(), "idle connection closed before the peer's idle timeout (CH-5)");
      assertEquals(Set.of(), p.keys(), "idle endpoint pool dropped (CH-6)");
      assertEquals(1, p.stats().created()); // counted after the drop
    }
  }

  @Test
  void closeClosesIdleConnectionsOfEveryEndpointAndLeasedOnesOnReturn() throws Exception {
    var p = KeyedConnectionPool.builder().client(client).build();
    Lease<WebTransportConnection> leased = p.acquire(A);
    p.acquire(B).close();
    p.close();
    assertTrue(p.isClosed());
    FakeConnection a = (FakeConnection) leased.get();
    assertEquals(0, a.closeCalls.get());
    assertEquals(1, client.connections.get(1).closeCalls.get());
    leased.close();
    assertEquals(1, a.closeCalls.get());
  }

  @Test
  void badInputIsRejectedNamingIt() {
    SessionPoolTest.assertMessage("host", () -> new Endpoint(" ", 1));
    SessionPoolTest.assertMessage("port", () -> new Endpoint("h", 0));
    SessionPoolTest.assertMessage("port", () -> new Endpoint("h", 65536));
    SessionPoolTest.assertMessage("maxPerEndpoint", () -> KeyedConnectionPool.builder().maxPerEndpoint(0));
    SessionPoolTest.assertMessage("maxTotal", () -> KeyedConnectionPool.builder().maxTotal(0));
    SessionPoolTest.assertMessage("idlePoolTimeout", () -> KeyedConnectionPool.builder().idlePoolTimeout(Duration.ofSeconds(-1)));
    assertEquals("client is required",
        assertThrows(IllegalStateException.class, () -> KeyedConnectionPool.builder().build()).getMessage());
    assertEquals("[::1]:4434", B.toString());
  }
}
