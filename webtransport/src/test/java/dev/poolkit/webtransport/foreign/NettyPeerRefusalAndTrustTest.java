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
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
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
    NettyWarmUp.connectOnce(certificate, server.port());
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
    RecordingTrust rightPin = new RecordingTrust(Trust.pinnedSha256(certificate.sha256Hex()));
    try (SessionPool pool = sessions(rightPin, "/echo");
        Lease<WebTransportSession> session = pool.acquire();
        WebTransportStream stream = session.get().openStream(DEADLINE)) {
      stream.write(new byte[] {3});
      assertArrayEquals(new byte[] {3}, stream.readNBytes(1, DEADLINE));
    }
    assertEquals(List.of(new RecordingTrust.Check(certificate.certificate(), true)), rightPin.checks());
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
  void aWrongPinRejectsTheServersCertificateAndFailsTheAcquireWithinTheConnectTimeout() throws Exception {
    RecordingTrust wrongPin = new RecordingTrust(Trust.pinnedSha256(ServerCertificate.selfSigned().sha256Hex()));
    try (SessionPool pool = sessions(wrongPin, "/echo")) {
      long start = System.nanoTime();
      PoolCreateException e = assertThrows(PoolCreateException.class, pool::acquire);
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      // Usually "TLS handshake ... failed: server certificate not trusted" within ~0.1-0.3 s. In
      // about 1 of 30 connects here (against Kwik's own server too) the handshake itself is slow
      // (the certificate arrived after ~1.9 s) and Kwik reports the failed handshake only at the
      // connect timeout, as a timeout: see NOTES.md. Either way the pin was what said no.
      assertInstanceOf(WebTransportException.class, e.getCause());
      assertTrue(tookMillis < DEADLINE.toMillis() + 2_000, "took " + tookMillis + " ms");
      assertEquals(List.of(new RecordingTrust.Check(certificate.certificate(), false)), wrongPin.checks(),
          "the pinned trust saw the server's certificate and rejected it");
      PoolStats stats = pool.stats();
      assertEquals(0, stats.allocated(), stats.toString());
      assertEquals(1, stats.available(), stats.toString());
      assertEquals(0, pool.connectionStats().open(), pool.connectionStats().toString());
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
