package dev.poolkit.webtransport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolkit.Lease;
import dev.poolkit.PoolCreateException;
import dev.poolkit.PoolStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The three pools and the keyed pool over a real Kwik/Flupke server on 127.0.0.1. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PoolsOverRealServerTest {

  @Test
  void connectionPoolReusesALiveConnection_PY13() throws Exception {
    try (WebTransportServer server = TestServers.echoServer().start();
        ConnectionPool pool = ConnectionPool.builder().client(TestServers.client(server))
            .host("127.0.0.1").port(server.port()).path("/echo").maxSize(2).build()) {
      WebTransportConnection first;
      try (Lease<WebTransportConnection> lease = pool.acquire();
          WebTransportSession session = lease.get().openSession(pool.path())) {
        first = lease.get();
        assertEquals(1, TestServers.echoOnce(session, 1));
      }
      try (Lease<WebTransportConnection> lease = pool.acquire()) {
        assertSame(first, lease.get());
      }
      assertEquals(1, pool.stats().created());
    }
    // Closing the pool closed the idle connection (PY-11).
  }

  @Test
  void withoutKeepAliveIdleConnectionsAreEvictedBeforeThePeersIdleTimeout_CH5() throws Exception {
    try (WebTransportServer server = TestServers.echoServer().start();
        ConnectionPool pool = ConnectionPool.builder()
            .client(TestServers.clientBuilder(server).keepAlive(false).idleTimeout(Duration.ofSeconds(4)).build())
            .host("127.0.0.1").port(server.port()).maxSize(2)
            .idleTimeout(Duration.ofMillis(500)) // well inside the 4 s QUIC idle timeout
            .build()) {
      WebTransportConnection connection;
      try (Lease<WebTransportConnection> lease = pool.acquire()) {
        connection = lease.get();
      }
      CloseInfo info = connection.closeFuture().get(10, TimeUnit.SECONDS);
      assertEquals(CloseInfo.Cause.LOCAL, info.cause(), "the pool closed it, not the peer's idle timeout: " + info);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (pool.stats().allocated() != 0 && System.nanoTime() < deadline) {
        Thread.sleep(5); // the pool counts the destroy once close() has returned
      }
      assertEquals(0, pool.stats().allocated(), pool.stats().toString());
      try (Lease<WebTransportConnection> lease = pool.acquire();
          WebTransportSession session = lease.get().openSession("/echo")) {
        assertEquals(6, TestServers.echoOnce(session, 6));
      }
    }
  }

  @Test
  void aSessionTheServerClosedIsNeverHandedOutAgain_PY14_PYB1() throws Exception {
    List<WebTransportSession> serverSide = new CopyOnWriteArrayList<>();
    try (WebTransportServer server = WebTransportServer.builder()
            .route("/echo", s -> { serverSide.add(s); s.onIncomingStream(TestServers::echo); })
            .start();
        SessionPool pool = SessionPool.builder().client(TestServers.client(server))
            .url(server.url("/echo")).maxSize(1).build()) {
      WebTransportSession first;
      try (Lease<WebTransportSession> lease = pool.acquire()) {
        first = lease.get();
        assertEquals(2, TestServers.echoOnce(first, 2));
      }
      serverSide.get(0).close(7, "gone");
      assertEquals(CloseInfo.Cause.PEER, first.closeFuture().get(10, TimeUnit.SECONDS).cause());
      try (Lease<WebTransportSession> lease = pool.acquire()) {
        assertNotSame(first, lease.get());
        assertTrue(lease.get().isOpen());
        assertEquals(3, TestServers.echoOnce(lease.get(), 3));
      }
      PoolStats stats = pool.stats();
      assertEquals(2, stats.created());
      assertEquals(1, stats.destroyed());
    }
  }

  @Test
  void aStreamWithFinSentOrUnreadBytesIsNotReused_PY15_PYB6() throws Exception {
    try (WebTransportServer server = TestServers.echoServer().start();
        WebTransportSession session = TestServers.client(server).openSession(server.url("/echo"));
        StreamPool streams = StreamPool.builder().session(session).maxSize(2).build()) {
      WebTransportStream clean;
      try (Lease<WebTransportStream> lease = streams.acquire()) {
        clean = lease.get();
        clean.write(new byte[] {1});
        assertEquals(1, clean.readNBytes(1, Duration.ofSeconds(5))[0]);
      }
      WebTransportStream finished;
      try (Lease<WebTransportStream> lease = streams.acquire()) {
        assertSame(clean, lease.get(), "a clean stream is reused");
        finished = lease.get();
        finished.finish();
      }
      WebTransportStream unread;
      try (Lease<WebTransportStream> lease = streams.acquire()) {
        assertNotSame(finished, lease.get(), "PY-B6: FIN sent");
        unread = lease.get();
        unread.write(new byte[] {1, 2});
        unread.readNBytes(1, Duration.ofSeconds(5));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!unread.hasUnreadBytes() && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
      }
      try (Lease<WebTransportStream> lease = streams.acquire()) {
        assertNotSame(unread, lease.get(), "PY-B6: unread bytes");
        assertTrue(lease.get().isReusable());
        assertEquals(9, echo(lease.get(), 9));
      }
      assertEquals(3, streams.stats().created());
    }
  }

  @Test
  void aRefusedSessionFailsTheAcquireAndLeaksNoCapacity() throws Exception {
    try (WebTransportServer server = TestServers.echoServer().authorize(r -> 403).start();
        SessionPool pool = SessionPool.builder().client(TestServers.client(server))
            .url(server.url("/echo")).maxSize(1).build()) {
      for (int i = 0; i < 3; i++) {
        PoolCreateException e = assertThrows(PoolCreateException.class, pool::acquire);
        WebTransportRefusedException refused = assertInstanceOf(WebTransportRefusedException.class, e.getCause());
        assertEquals(403, refused.status());
      }
      PoolStats stats = pool.stats();
      assertEquals(0, stats.inUse());
      assertEquals(0, stats.allocated());
      assertEquals(3, stats.createFailures());
    }
  }

  @Test
  void aStoppedServerFailsAcquiresWithinTheirDeadlineThenAFreshServerServesThem() throws Exception {
    ServerCertificate certificate = ServerCertificate.selfSigned();
    WebTransportServer server = TestServers.echoServer().certificate(certificate).start();
    int port = server.port();
    WebTransportClient client = WebTransportClient.builder().trust(Trust.pinnedSha256(certificate.sha256Hex()))
        .connectTimeout(Duration.ofSeconds(1)).operationTimeout(Duration.ofSeconds(1)).build();
    try (SessionPool pool = SessionPool.builder().client(client).url(server.url("/echo")).maxSize(1).build()) {
      WebTransportConnection first;
      try (Lease<WebTransportSession> lease = pool.acquire()) {
        assertEquals(1, TestServers.echoOnce(lease.get(), 1));
        first = java.util.Objects.requireNonNull(lease.get().connection());
      }
      server.close();
      // The client learns of the close from the server's CONNECTION_CLOSE, on its own thread.
      first.closeFuture().get(10, TimeUnit.SECONDS);
      long start = System.nanoTime();
      // The idle session's connection died with the server: it is disposed, and a new connect fails.
      PoolCreateException failed = assertThrows(PoolCreateException.class, () -> pool.acquire(Duration.ofSeconds(3)));
      assertInstanceOf(WebTransportException.class, failed.getCause());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
      assertEquals(0, pool.stats().allocated(), pool.stats().toString());

      try (WebTransportServer again = TestServers.echoServer().certificate(certificate)
          .bind(java.net.InetAddress.getByName("127.0.0.1"), port).start();
          Lease<WebTransportSession> lease = pool.acquire()) {
        assertTrue(lease.get().isOpen());
        assertEquals(4, TestServers.echoOnce(lease.get(), 4));
      }
    }
  }

  @Test
  void theKeyedPoolKeepsOnePoolPerEndpoint_CH1_CH2() throws Exception {
    ServerCertificate certificate = ServerCertificate.selfSigned();
    try (WebTransportServer a = TestServers.echoServer().certificate(certificate).start();
        WebTransportServer b = TestServers.echoServer().certificate(certificate).start();
        KeyedConnectionPool pool = KeyedConnectionPool.builder()
            .client(WebTransportClient.builder().trust(Trust.pinnedSha256(certificate.sha256Hex())).build())
            .maxPerEndpoint(1).maxTotal(2).acquireTimeout(Duration.ofMillis(200)).build()) {
      Endpoint ea = new Endpoint("127.0.0.1", a.port());
      Endpoint eb = new Endpoint("127.0.0.1", b.port());
      try (Lease<WebTransportConnection> la = pool.acquire(ea);
          Lease<WebTransportConnection> lb = pool.acquire(eb)) {
        assertEquals(a.port(), la.get().port());
        assertEquals(b.port(), lb.get().port());
        assertThrows(dev.poolkit.PoolTimeoutException.class, () -> pool.acquire(ea), "CH-2: per-endpoint limit");
        try (WebTransportSession s = la.get().openSession("/echo")) {
          assertEquals(5, TestServers.echoOnce(s, 5));
        }
      }
      assertEquals(1, pool.stats(ea).created());
      assertEquals(1, pool.stats(eb).created());
      assertEquals(2, pool.stats().idle());
    }
  }

  private static int echo(WebTransportStream stream, int value) throws Exception {
    stream.write(new byte[] {(byte) value});
    return stream.readNBytes(1, Duration.ofSeconds(5))[0];
  }
}
