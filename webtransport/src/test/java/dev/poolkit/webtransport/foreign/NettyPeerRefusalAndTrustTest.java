package dev.poolkit.webtransport.foreign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolkit.Lease;
import dev.poolkit.PoolCreateException;
import dev.poolkit.PoolStats;
import dev.poolkit.webtransport.ServerCertificate;
import dev.poolkit.webtransport.SessionPool;
import dev.poolkit.webtransport.Trust;
import dev.poolkit.webtransport.WebTransportClient;
import dev.poolkit.webtransport.WebTransportException;
import dev.poolkit.webtransport.WebTransportRefusedException;
import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportStream;
import dev.poolkit.webtransport.WebTransportTimeoutException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Refused sessions and certificate trust against the Netty HTTP/3 + quiche endpoint. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NettyPeerRefusalAndTrustTest {
  private static final Duration DEADLINE = Duration.ofSeconds(3);
  private static ServerCertificate certificate;
  private static NettyWebTransportServer server;

  @BeforeAll
  static void startServer() throws Exception {
    certificate = ServerCertificate.selfSigned();
    server = new NettyWebTransportServer(new InetSocketAddress("127.0.0.1", 0), certificate, Set.of("/echo"));
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  private static WebTransportClient client(Trust trust) {
    return WebTransportClient.builder().trust(trust).connectTimeout(DEADLINE).operationTimeout(DEADLINE).build();
  }

  private static SessionPool sessions(Trust trust, String path) {
    return SessionPool.builder().client(client(trust))
        .url(URI.create("https://127.0.0.1:" + server.port() + path))
        .maxSize(1).acquireTimeout(DEADLINE).build();
  }

  @Test
  void aRefusedSessionFailsTheAcquireWithTheStatusAndGivesTheCapacityBack() throws Exception {
    long refusedBefore = server.sessionsRefused();
    try (SessionPool pool = sessions(Trust.pinnedSha256(certificate.sha256Hex()), "/nowhere")) {
      for (int i = 0; i < 3; i++) {
        PoolCreateException e = assertThrows(PoolCreateException.class, pool::acquire);
        WebTransportRefusedException refused = assertInstanceOf(WebTransportRefusedException.class, e.getCause());
        assertEquals(404, refused.status());
      }
      PoolStats stats = pool.stats();
      assertEquals(0, stats.inUse(), stats.toString());
      assertEquals(0, stats.allocated(), stats.toString());
      assertEquals(3, stats.createFailures(), stats.toString());
      assertEquals(1, stats.available(), "the capacity of the one-session pool is back: " + stats);
      // A refused session leaves no connection behind: each one held no other session, so the
      // pool closed it with the failed open (PY-14), as it does over Kwik/Flupke.
      var connections = pool.connectionStats();
      assertEquals(0, connections.open(), connections.toString());
      assertEquals(connections.created(), connections.closed(), connections.toString());
    }
    assertEquals(refusedBefore + 3, server.sessionsRefused());
  }

  @Test
  void theRightPinnedHashConnectsAndEchoes() throws Exception {
    try (SessionPool pool = sessions(Trust.pinnedSha256(certificate.sha256Hex()), "/echo");
        Lease<WebTransportSession> session = pool.acquire();
        WebTransportStream stream = session.get().openStream(DEADLINE)) {
      stream.write(new byte[] {3});
      assertArrayEquals(new byte[] {3}, stream.readNBytes(1, DEADLINE));
    }
  }

  @Test
  void theServersCertificateAsTrustAnchorConnectsToo() throws Exception {
    // PKIX path and host name checks: 127.0.0.1 is a DNS name in the certificate (Kwik's check).
    try (SessionPool pool = sessions(Trust.certificates(certificate.certificate()), "/echo");
        Lease<WebTransportSession> session = pool.acquire()) {
      assertTrue(session.get().isOpen());
    }
  }

  @Test
  void aWrongPinFailsTheHandshakeWithinTheConnectTimeoutAndLeaksNothing() throws Exception {
    String otherHash = ServerCertificate.selfSigned().sha256Hex();
    try (SessionPool pool = sessions(Trust.pinnedSha256(otherHash), "/echo")) {
      long start = System.nanoTime();
      PoolCreateException e = assertThrows(PoolCreateException.class, pool::acquire);
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      WebTransportException cause = assertInstanceOf(WebTransportException.class, e.getCause());
      assertTrue(!(cause instanceof WebTransportTimeoutException),
          "the handshake is rejected, not left to time out: " + cause);
      assertTrue(tookMillis < DEADLINE.toMillis() + 2_000, "took " + tookMillis + " ms");
      PoolStats stats = pool.stats();
      assertEquals(0, stats.allocated(), stats.toString());
      assertEquals(1, stats.available(), stats.toString());
    }
  }

  @Test
  void aCertificateForAnotherNameIsRejectedByTheHostNameCheck() throws Exception {
    ServerCertificate elsewhere = ServerCertificate.selfSigned(Duration.ofDays(1), "elsewhere.example");
    try (NettyWebTransportServer other =
            new NettyWebTransportServer(new InetSocketAddress("127.0.0.1", 0), elsewhere, Set.of("/echo"));
        SessionPool pool = SessionPool.builder().client(client(Trust.certificates(elsewhere.certificate())))
            .url(URI.create("https://127.0.0.1:" + other.port() + "/echo")).maxSize(1).acquireTimeout(DEADLINE).build()) {
      PoolCreateException e = assertThrows(PoolCreateException.class, pool::acquire);
      assertInstanceOf(WebTransportException.class, e.getCause());
      assertEquals(0, pool.stats().allocated());
    }
  }
}
