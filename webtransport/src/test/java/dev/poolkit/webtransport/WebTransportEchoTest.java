package dev.poolkit.webtransport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The wrappers against a real Kwik/Flupke server on 127.0.0.1: the paths that work. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebTransportEchoTest {

  @Test
  void echoOnABidirectionalStream() throws Exception {
    try (WebTransportServer server = TestServers.echoServer().start();
        WebTransportConnection connection = TestServers.client(server).connect("127.0.0.1", server.port());
        WebTransportSession session = connection.openSession("/echo")) {
      assertTrue(connection.isOpen());
      assertTrue(session.isOpen());
      assertSame(connection, session.connection());
      assertEquals("/echo", session.path());
      try (WebTransportStream stream = session.openStream()) {
        stream.write("hello".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), stream.readNBytes(5, Duration.ofSeconds(5)));
        assertTrue(stream.isReusable(), stream.toString());
        stream.finish();
        assertTrue(stream.isSendClosed());
        assertFalse(stream.isReusable(), "PY-B6: FIN sent");
        assertEquals(-1, stream.read(new byte[1], 0, 1, Duration.ofSeconds(5)));
        assertTrue(stream.isReceiveFinished());
      }
      assertEquals(1, session.streamsOpened());
    }
  }

  @Test
  void manySequentialAndEightConcurrentSessionsShareOneConnection() throws Exception {
    try (WebTransportServer server = TestServers.echoServer().maxSessionsPerConnection(16).start();
        WebTransportConnection connection = TestServers.client(server).connect("127.0.0.1", server.port())) {
      assertEquals(16, connection.maxSessions());
      for (int i = 0; i < 20; i++) {
        try (WebTransportSession session = connection.openSession("/echo?n=" + i)) {
          assertEquals((byte) i, TestServers.echoOnce(session, i));
        }
      }
      assertEquals(0, connection.openSessions());
      List<WebTransportSession> sessions = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        sessions.add(connection.openSession("/echo"));
      }
      assertEquals(8, connection.openSessions());
      List<CompletableFuture<Byte>> echoes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        WebTransportSession s = sessions.get(i);
        int v = i;
        CompletableFuture<Byte> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
          try {
            f.complete(TestServers.echoOnce(s, v));
          } catch (Exception e) {
            f.completeExceptionally(e);
          }
        });
        echoes.add(f);
      }
      for (int i = 0; i < 8; i++) {
        assertEquals((byte) i, echoes.get(i).get(10, TimeUnit.SECONDS));
      }
      sessions.forEach(WebTransportSession::close);
      assertEquals(0, connection.openSessions());
      assertTrue(connection.isOpen());
    }
  }

  @Test
  void theServerCanOpenStreamsToTheClient() throws Exception {
    AtomicReference<WebTransportSession> serverSide = new AtomicReference<>();
    try (WebTransportServer server = WebTransportServer.builder().route("/push", serverSide::set).start();
        WebTransportConnection connection = TestServers.client(server).connect("127.0.0.1", server.port());
        WebTransportSession session = connection.openSession("/push")) {
      CompletableFuture<String> received = new CompletableFuture<>();
      session.onIncomingStream(stream -> {
        try {
          received.complete(new String(stream.readNBytes(4, Duration.ofSeconds(5)), StandardCharsets.UTF_8));
        } catch (Exception e) {
          received.completeExceptionally(e);
        }
      });
      WebTransportSession pusher = serverSide.get();
      assertNull(pusher.connection(), "server sessions have no client connection");
      try (WebTransportStream push = pusher.openStream()) {
        push.write("ping".getBytes(StandardCharsets.UTF_8));
        assertEquals("ping", received.get(10, TimeUnit.SECONDS));
      }
      assertEquals(1, server.sessionCount());
      assertEquals(1, server.connectionCount());
    }
  }

  @Test
  void aSessionFromTheClientOwnsItsConnection() throws Exception {
    try (WebTransportServer server = TestServers.echoServer().start()) {
      WebTransportSession session = TestServers.client(server).openSession(server.url("/echo"));
      assertEquals(7, TestServers.echoOnce(session, 7));
      WebTransportConnection connection = session.connection();
      session.close();
      assertFalse(connection.isOpen(), "PY-14: disposing the session closes the connection it owns");
      assertEquals(CloseInfo.Cause.LOCAL, session.closeFuture().get(5, TimeUnit.SECONDS).cause());
    }
  }
}
