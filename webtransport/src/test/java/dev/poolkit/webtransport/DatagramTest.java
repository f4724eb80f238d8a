package dev.poolkit.webtransport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WebTransport datagrams (RFC 9297 over RFC 9221) between the client and the server, on 127.0.0.1. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DatagramTest {

  @Test
  void aDatagramGoesToTheServerAndItsEchoComesBack() throws Exception {
    BlockingQueue<String> seenByServer = new LinkedBlockingQueue<>();
    try (WebTransportServer server = WebTransportServer.builder()
            .route("/dg", s -> recordAndEcho(s, seenByServer))
            .start();
        WebTransportConnection connection = TestServers.client(server).connect("127.0.0.1", server.port());
        WebTransportSession session = connection.openSession("/dg")) {
      byte[] hello = "hello datagram ☕".getBytes(StandardCharsets.UTF_8);
      assertArrayEquals(hello, TestServers.datagramRoundTrip(session, hello, 5));
      assertEquals("hello datagram ☕", seenByServer.poll(5, TimeUnit.SECONDS));
      assertNull(session.receiveDatagram(Duration.ofMillis(20)), "timeout: null, not an exception");
      assertEquals(0, session.datagramsDropped());
      assertTrue(session.isReusable(), "everything received was read");
    }
  }

  @Test
  void theServerSendsDatagramsOnItsOwnAndTheFirstOnesAreNotLostToTheSessionSetup() throws Exception {
    try (WebTransportServer server = WebTransportServer.builder()
            .route("/push", DatagramTest::pushNumbersUntilClosed)
            .start();
        WebTransportConnection connection = TestServers.client(server).connect("127.0.0.1", server.port());
        WebTransportSession session = connection.openSession("/push")) {
      // The server starts sending right after its 200, often before this side has bound the session:
      // those wait in the connection's early buffer and are delivered in order.
      byte[] first = session.receiveDatagram(Duration.ofSeconds(5));
      assertArrayEquals(new byte[] {0}, first, "the server's first datagram");
      byte[] second = session.receiveDatagram(Duration.ofSeconds(5));
      assertEquals(1, second.length);
      assertTrue(second[0] > 0, Arrays.toString(second));
    }
  }

  @Test
  void theSizeLimitIsExposedAndOneByteMoreFailsWithBothSizesNamed() throws Exception {
    CompletableFuture<WebTransportSession> serverSide = new CompletableFuture<>();
    try (WebTransportServer server = WebTransportServer.builder()
            .route("/dg", s -> { serverSide.complete(s); TestServers.echoDatagrams(s); })
            .start();
        WebTransportConnection connection = TestServers.client(server).connect("127.0.0.1", server.port());
        WebTransportSession session = connection.openSession("/dg")) {
      int max = session.maxDatagramSize();
      System.out.println("DatagramTest: client maxDatagramSize " + max);
      assertTrue(max >= 1000 && max < 1500, "a QUIC packet's worth, was " + max);
      assertEquals(1219, max, "Kwik's 1236 for its 1252-byte packets, less the 16-byte AEAD tag and the 1-byte Quarter Stream ID");

      byte[] largest = new byte[max];
      Arrays.fill(largest, (byte) 7);
      assertArrayEquals(largest, TestServers.datagramRoundTrip(session, largest, 5), "exactly the limit goes through");

      IllegalArgumentException tooLarge =
          assertThrows(IllegalArgumentException.class, () -> session.sendDatagram(new byte[max + 1]));
      assertTrue(tooLarge.getMessage().contains((max + 1) + " bytes")
          && tooLarge.getMessage().contains("limit of " + max), tooLarge.getMessage());
      assertTrue(session.isOpen() && !session.isBroken(), "a refused size corrupts nothing");
      assertArrayEquals(new byte[] {1}, TestServers.datagramRoundTrip(session, new byte[] {1}, 5));

      WebTransportSession peer = serverSide.get(5, TimeUnit.SECONDS);
      int serverMax = peer.maxDatagramSize();
      assertTrue(serverMax >= 1000 && serverMax < 1500, "server side limit " + serverMax);
      IllegalArgumentException serverTooLarge =
          assertThrows(IllegalArgumentException.class, () -> peer.sendDatagram(new byte[serverMax + 1]));
      assertTrue(serverTooLarge.getMessage().contains("limit of " + serverMax), serverTooLarge.getMessage());
    }
  }

  @Test
  void afterTheSessionEndsDatagramsFailClearlyAndTheLimitIsZero() throws Exception {
    try (WebTransportServer server = WebTransportServer.builder().route("/dg", TestServers::echoDatagrams).start();
        WebTransportConnection connection = TestServers.client(server).connect("127.0.0.1", server.port())) {
      WebTransportSession session = connection.openSession("/dg");
      assertArrayEquals(new byte[] {9}, TestServers.datagramRoundTrip(session, new byte[] {9}, 5));
      session.close(5, "done");
      assertEquals(0, session.maxDatagramSize());
      WebTransportException send = assertThrows(WebTransportException.class, () -> session.sendDatagram(new byte[1]));
      assertTrue(send.getMessage().contains("closed"), send.getMessage());
      WebTransportException receive =
          assertThrows(WebTransportException.class, () -> session.receiveDatagram(Duration.ofSeconds(5)));
      assertTrue(receive.getMessage().contains("ended"), receive.getMessage());
      assertThrows(NullPointerException.class, () -> connection.openSession("/dg").sendDatagram(null));
    }
  }

  @Test
  void aReceiverWaitingForADatagramIsWokenByTheSessionsEndAndByInterrupt() throws Exception {
    CompletableFuture<WebTransportSession> serverSide = new CompletableFuture<>();
    try (WebTransportServer server = WebTransportServer.builder().route("/quiet", serverSide::complete).start();
        WebTransportConnection connection = TestServers.client(server).connect("127.0.0.1", server.port());
        WebTransportSession session = connection.openSession("/quiet")) {
      CompletableFuture<Throwable> interrupted = new CompletableFuture<>();
      Thread waiter = Thread.ofVirtual().start(() -> {
        try {
          session.receiveDatagram(Duration.ofSeconds(30));
          interrupted.complete(null);
        } catch (Throwable t) {
          interrupted.complete(t);
        }
      });
      awaitWaiting(waiter);
      waiter.interrupt();
      assertTrue(interrupted.get(5, TimeUnit.SECONDS) instanceof InterruptedException, "interrupt is thrown");

      CompletableFuture<Throwable> ended = new CompletableFuture<>();
      Thread second = Thread.ofVirtual().start(() -> {
        try {
          session.receiveDatagram(Duration.ofSeconds(30));
          ended.complete(null);
        } catch (Throwable t) {
          ended.complete(t);
        }
      });
      awaitWaiting(second);
      serverSide.get(5, TimeUnit.SECONDS).close(3, "bye");
      assertTrue(ended.get(10, TimeUnit.SECONDS) instanceof WebTransportException, "the end is thrown");
    }
  }

  private static void awaitWaiting(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the receiver never waited: " + thread.getState());
      }
      Thread.sleep(1);
    }
  }

  private static void recordAndEcho(WebTransportSession session, BlockingQueue<String> seen) {
    Thread.ofVirtual().start(() -> {
      try {
        while (true) {
          byte[] payload = session.receiveDatagram(Duration.ofSeconds(30));
          if (payload != null) {
            seen.add(new String(payload, StandardCharsets.UTF_8));
            session.sendDatagram(payload);
          }
        }
      } catch (Exception e) {
        // The session ended.
      }
    });
  }

  /** Sends datagrams 0, 1, 2, ... as soon as the session is open, every 20 ms until it ends. */
  private static void pushNumbersUntilClosed(WebTransportSession session) {
    Thread.ofVirtual().start(() -> {
      try {
        while (!session.isOpen() && !session.closeFuture().isDone()) {
          Thread.sleep(1); // the route runs before the session is open; it opens right after
        }
        for (int i = 0; !session.closeFuture().isDone(); i = Math.min(i + 1, 100)) {
          session.sendDatagram(new byte[] {(byte) i});
          Thread.sleep(20);
        }
      } catch (Exception e) {
        // The session ended.
      }
    });
  }
}
