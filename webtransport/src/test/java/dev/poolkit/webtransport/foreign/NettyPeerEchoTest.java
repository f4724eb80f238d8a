package dev.poolkit.webtransport.foreign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolkit.Lease;
import dev.poolkit.webtransport.ServerCertificate;
import dev.poolkit.webtransport.SessionPool;
import dev.poolkit.webtransport.StreamPool;
import dev.poolkit.webtransport.Trust;
import dev.poolkit.webtransport.WebTransportClient;
import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Poolkit's pools against the Netty HTTP/3 + quiche endpoint, in this JVM, on 127.0.0.1. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NettyPeerEchoTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);
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

  private static WebTransportClient client() {
    return WebTransportClient.builder().trust(Trust.pinnedSha256(certificate.sha256Hex()))
        .connectTimeout(DEADLINE).operationTimeout(DEADLINE).build();
  }

  private static SessionPool sessions(int maxSize) {
    return SessionPool.builder().client(client())
        .url(URI.create("https://127.0.0.1:" + server.port() + "/echo"))
        .maxSize(maxSize).acquireTimeout(DEADLINE).build();
  }

  @Test
  void aPooledSessionOpensAndEchoesOneByte() throws Exception {
    try (SessionPool sessions = sessions(1);
        Lease<WebTransportSession> session = sessions.acquire();
        StreamPool streams = StreamPool.builder().session(session.get()).maxSize(1).acquireTimeout(DEADLINE).build();
        Lease<WebTransportStream> stream = streams.acquire()) {
      assertTrue(session.get().isOpen());
      stream.get().write(new byte[] {42});
      assertArrayEquals(new byte[] {42}, stream.get().readNBytes(1, DEADLINE));
      assertEquals(1, sessions.connectionsCreated());
    }
    assertTrue(server.sessionsAccepted() >= 1 && server.webTransportStreams() >= 1,
        "the echo came through the server's WebTransport path: " + server.sessionsAccepted() + " sessions, "
            + server.webTransportStreams() + " streams");
  }

  @Test
  void oneMebibyteEchoesWholeAndTheStreamStaysReusable() throws Exception {
    byte[] payload = new byte[1 << 20];
    new java.util.Random(15).nextBytes(payload);
    try (SessionPool sessions = sessions(1);
        Lease<WebTransportSession> session = sessions.acquire();
        StreamPool streams = StreamPool.builder().session(session.get()).maxSize(1).acquireTimeout(DEADLINE).build()) {
      WebTransportStream used;
      try (Lease<WebTransportStream> stream = streams.acquire()) {
        used = stream.get();
        // Write on another thread while this one reads: neither side's flow-control window has to
        // hold the whole mebibyte.
        var writer = java.util.concurrent.CompletableFuture.runAsync(() -> {
          try {
            stream.get().write(payload);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        byte[] echoed = stream.get().readNBytes(payload.length, Duration.ofSeconds(15));
        writer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(payload.length, echoed.length);
        assertArrayEquals(payload, echoed);
      }
      try (Lease<WebTransportStream> stream = streams.acquire()) {
        assertSame(used, stream.get(), "a stream that read all it was sent is reused");
        stream.get().write(new byte[] {7});
        assertArrayEquals(new byte[] {7}, stream.get().readNBytes(1, DEADLINE));
      }
    }
  }

  @Test
  void manyStreamsPerSessionIncludingMoreThanTheServersInitialStreamCredit() throws Exception {
    int threads = 8;
    int exchangesPerThread = 50;
    int freshStreams = (int) NettyWebTransportServer.MAX_BIDI_STREAMS * 3;
    try (SessionPool sessions = sessions(1);
        Lease<WebTransportSession> session = sessions.acquire();
        StreamPool streams = StreamPool.builder().session(session.get()).maxSize(threads).acquireTimeout(DEADLINE).build()) {
      // Concurrent exchanges over pooled, reused streams.
      try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
        var results = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
        for (int t = 0; t < threads; t++) {
          int id = t;
          results.add(pool.submit(() -> {
            int ok = 0;
            for (int i = 0; i < exchangesPerThread; i++) {
              byte[] message = java.nio.ByteBuffer.allocate(8).putInt(id).putInt(i).array();
              try (Lease<WebTransportStream> stream = streams.acquire()) {
                stream.get().write(message);
                if (java.util.Arrays.equals(message, stream.get().readNBytes(8, DEADLINE))) ok++;
              }
            }
            return ok;
          }));
        }
        for (var r : results) {
          assertEquals(exchangesPerThread, r.get(20, TimeUnit.SECONDS));
        }
      }
      assertTrue(streams.stats().created() <= threads, streams.stats().toString());
      // Fresh streams, each ended with FIN both ways: more than the server's initial credit of
      // MAX_BIDI_STREAMS, so quiche must hand out more (MAX_STREAMS) as streams complete.
      for (int i = 0; i < freshStreams; i++) {
        try (Lease<WebTransportStream> stream = streams.acquire()) {
          stream.get().write(new byte[] {(byte) i});
          assertEquals((byte) i, stream.get().readNBytes(1, DEADLINE)[0]);
          stream.invalidate();
        }
      }
      assertTrue(session.get().streamsOpened() >= freshStreams, "streams opened: " + session.get().streamsOpened());
    }
  }

  @Test
  void concurrentSessionsShareOneConnectionUpToTheServersLimit() throws Exception {
    int n = 4;
    try (SessionPool sessions = sessions(n)) {
      var leases = new java.util.ArrayList<Lease<WebTransportSession>>();
      try {
        for (int i = 0; i < n; i++) {
          leases.add(sessions.acquire());
        }
        for (int i = 0; i < n; i++) {
          try (WebTransportStream stream = leases.get(i).get().openStream(DEADLINE)) {
            stream.write(new byte[] {(byte) i});
            assertEquals((byte) i, stream.readNBytes(1, DEADLINE)[0]);
          }
        }
        assertEquals(1, sessions.connectionsCreated(), sessions.connectionStats().toString());
        assertEquals(NettyWebTransportServer.MAX_SESSIONS, leases.get(0).get().connection().maxSessions());
      } finally {
        leases.forEach(Lease::close);
      }
    }
  }
}
