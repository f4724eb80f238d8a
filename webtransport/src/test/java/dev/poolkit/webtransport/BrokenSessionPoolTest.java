package dev.poolkit.webtransport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolkit.Lease;
import dev.poolkit.PoolCreateException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SessionPool and StreamPool never hand out a session whose datagram or stream state is broken or
 * left over from the last user, against a real server on 127.0.0.1.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrokenSessionPoolTest {

  /** Every session gets one datagram and one unidirectional stream from the server once it is open. */
  private static WebTransportServer greetingServer() throws Exception {
    return TestServers.echoServer()
        .route("/greet", s -> Thread.ofVirtual().start(() -> {
          try {
            while (!s.isOpen() && !s.closeFuture().isDone()) {
              Thread.sleep(1); // the route runs just before the session opens
            }
            s.sendDatagram(new byte[] {42});
          } catch (Exception e) {
            // The session ended.
          }
        }))
        .route("/push-stream", s -> Thread.ofVirtual().start(() -> {
          try {
            while (!s.isOpen() && !s.closeFuture().isDone()) {
              Thread.sleep(1);
            }
            try (WebTransportStream stream = s.openUnidirectionalStream()) {
              stream.write(new byte[] {1, 2, 3});
            }
          } catch (Exception e) {
            // The session ended.
          }
        }))
        .start();
  }

  @Test
  void aSessionWithAnUnreadDatagramIsNotHandedToTheNextUserButOneWhoseDatagramsWereReadIs() throws Exception {
    try (WebTransportServer server = greetingServer();
        SessionPool pool = SessionPool.builder().client(TestServers.client(server))
            .url(server.url("/greet")).maxSize(1).build()) {
      WebTransportSession first;
      try (Lease<WebTransportSession> lease = pool.acquire()) {
        first = lease.get();
        await(() -> !first.isReusable(), "the server's datagram arrived unread");
      }
      WebTransportSession second;
      try (Lease<WebTransportSession> lease = pool.acquire()) {
        second = lease.get();
        assertNotSame(first, second, "the unread datagram was the last user's");
        assertEquals(CloseInfo.Cause.LOCAL, first.closeFuture().get(5, TimeUnit.SECONDS).cause(), "destroyed");
        assertArrayEquals(new byte[] {42}, second.receiveDatagram(Duration.ofSeconds(5)));
        assertTrue(second.isReusable());
      }
      try (Lease<WebTransportSession> lease = pool.acquire()) {
        assertSame(second, lease.get(), "everything read: reused");
      }
    }
  }

  @Test
  void aSessionWithAnIncomingStreamNobodyTookIsNotHandedOutAgain() throws Exception {
    try (WebTransportServer server = greetingServer();
        SessionPool pool = SessionPool.builder().client(TestServers.client(server))
            .url(server.url("/push-stream")).maxSize(1).build()) {
      WebTransportSession first;
      try (Lease<WebTransportSession> lease = pool.acquire()) {
        first = lease.get();
        await(() -> !first.isReusable(), "the server's stream arrived and waits for a handler");
        assertTrue(first.isOpen() && !first.isBroken());
      }
      try (Lease<WebTransportSession> lease = pool.acquire()) {
        assertNotSame(first, lease.get());
      }
    }
  }

  @Test
  void aSessionWhoseStreamOpenMissedItsDeadlineIsBrokenAndReplaced() throws Exception {
    try (WebTransportServer server = TestServers.echoServer().start();
        SessionPool pool = SessionPool.builder().client(TestServers.client(server))
            .url(server.url("/echo")).maxSize(1).build()) {
      WebTransportSession first;
      try (Lease<WebTransportSession> lease = pool.acquire()) {
        first = lease.get();
        assertEquals(1, TestServers.echoOnce(first, 1));
        try (StreamPool streams = StreamPool.builder().session(first).maxSize(2).build()) {
          WebTransportStream pooled;
          try (Lease<WebTransportStream> stream = streams.acquire()) {
            pooled = stream.get();
          }
          missAStreamOpenDeadline(first);
          assertTrue(first.isBroken());
          assertTrue(first.isOpen(), "broken, yet still open: only the state is unknown");
          assertFalse(first.isReusable());
          assertFalse(pooled.isReusable(), "streams of a broken session are not reused either");
          PoolCreateException refused = assertThrows(PoolCreateException.class, streams::acquire);
          assertTrue(String.valueOf(refused.getCause()).contains("broken"), String.valueOf(refused.getCause()));
        }
      }
      try (Lease<WebTransportSession> lease = pool.acquire()) {
        assertNotSame(first, lease.get(), "the broken session was destroyed");
        assertEquals(2, TestServers.echoOnce(lease.get(), 2));
      }
      assertFalse(first.isOpen());
    }
  }

  /**
   * A stream open with a 1 ns deadline: the open runs on another thread, which cannot finish in
   * 1 ns. Should it ever win, the stream is closed and the attempt repeated.
   */
  private static void missAStreamOpenDeadline(WebTransportSession session) throws Exception {
    for (int attempt = 0; attempt < 10; attempt++) {
      try {
        session.openStream(Duration.ofNanos(1)).close();
      } catch (WebTransportTimeoutException expected) {
        return;
      }
    }
    throw new AssertionError("ten stream opens finished within 1 ns");
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(2);
    }
  }
}
