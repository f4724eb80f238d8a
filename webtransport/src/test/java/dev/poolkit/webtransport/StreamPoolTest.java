package dev.poolkit.webtransport;

import static org.junit.jupiter.api.Assertions.*;

import dev.poolkit.Lease;
import dev.poolkit.PoolClosedException;
import dev.poolkit.PoolCreateException;
import dev.poolkit.PoolTimeoutException;
import dev.poolkit.webtransport.fakes.FakeClient;
import dev.poolkit.webtransport.fakes.FakeSession;
import dev.poolkit.webtransport.fakes.FakeStream;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** StreamPool against fakes: PY-15 and the bug it must not have, PY-B6. */
@Timeout(10)
class StreamPoolTest {
  final FakeSession session;

  StreamPoolTest() throws Exception {
    FakeClient client = new FakeClient();
    session = (FakeSession) client.connect("127.0.0.1", 4433).openSession("/s");
  }

  StreamPool.Builder pool() {
    return StreamPool.builder().session(session);
  }

  @Test
  void opensBidirectionalStreamsOnTheSessionAndReusesWholeOnes_PY15() throws Exception {
    try (StreamPool p = pool().maxSize(2).build()) {
      WebTransportStream first;
      try (var lease = p.acquire()) {
        first = lease.get();
        assertTrue(first.isBidirectional());
        assertSame(session, first.session());
      }
      try (var lease = p.acquire()) {
        assertSame(first, lease.get());
      }
      assertEquals(1, session.streamsOpened());
      assertEquals(1, p.stats().reused());
      assertSame(session, p.session());
    }
  }

  @ParameterizedTest(name = "PY-B6: a stream released with {0} is closed, not reused")
  @ValueSource(strings = {"FIN sent", "unread bytes", "peer FIN read", "broken"})
  void aStreamThatIsNotWholeIsClosedOnReleaseNotReused_PYB6(String defect) throws Exception {
    Consumer<FakeStream> spoil = switch (defect) {
      case "FIN sent" -> FakeStream::finish;
      case "unread bytes" -> FakeStream::bytesArrived;
      case "peer FIN read" -> FakeStream::peerFinished;
      default -> FakeStream::breakIt;
    };
    try (StreamPool p = pool().maxSize(1).build()) {
      FakeStream spoiled;
      try (var lease = p.acquire()) {
        spoiled = (FakeStream) lease.get();
        spoil.accept(spoiled);
      }
      assertEquals(1, spoiled.closeCalls.get());
      try (var lease = p.acquire()) {
        assertNotSame(spoiled, lease.get());
        assertTrue(lease.get().isReusable());
      }
      assertEquals(1, p.stats().dead());
      assertEquals(2, session.streamsOpened());
    }
  }

  @Test
  void anIdleStreamThatGotBytesWhileIdleIsNotHandedOut_PYB6() throws Exception {
    try (StreamPool p = pool().maxSize(1).build()) {
      FakeStream idle;
      try (var lease = p.acquire()) {
        idle = (FakeStream) lease.get();
      }
      idle.bytesArrived(); // a late reply arrived after release
      try (var lease = p.acquire()) {
        assertNotSame(idle, lease.get());
      }
      assertEquals(1, idle.closeCalls.get());
    }
  }

  @Test
  void whenTheSessionEndsIdleStreamsAreDroppedAndAcquiresFailWithTheReason() throws Exception {
    try (StreamPool p = pool().maxSize(2).build()) {
      FakeStream idle;
      try (var lease = p.acquire()) {
        idle = (FakeStream) lease.get();
      }
      session.endByPeer();
      PoolCreateException e = assertThrows(PoolCreateException.class, p::acquire);
      WebTransportException cause = assertInstanceOf(WebTransportException.class, e.getCause());
      assertTrue(cause.getMessage().contains("session /s has ended"), cause.getMessage());
      assertEquals(1, idle.closeCalls.get());
      assertEquals(0, p.stats().allocated());
    }
  }

  @Test
  void acquireWaitsForAReleaseAndTimesOut() throws Exception {
    try (StreamPool p = pool().maxSize(1).build()) {
      Lease<WebTransportStream> held = p.acquire();
      WebTransportStream first = held.get();
      assertThrows(PoolTimeoutException.class, () -> p.acquire(Duration.ofMillis(50)));
      var got = new java.util.concurrent.CompletableFuture<WebTransportStream>();
      var waiter = Thread.ofVirtual().start(() -> {
        try (var lease = p.acquire(Duration.ofSeconds(5))) {
          got.complete(lease.get());
        } catch (Throwable e) {
          got.completeExceptionally(e);
        }
      });
      Thread.sleep(20);
      held.close();
      waiter.join();
      assertSame(first, got.get(), "the waiter got the released stream");
      assertEquals(1, session.streamsOpened());
    }
  }

  @Test
  void closeClosesIdleStreamsAndLeasedOnesOnReturnButNotTheSession_PY11() throws Exception {
    StreamPool p = pool().maxSize(3).build();
    var leased = p.acquire();
    p.acquire().close();
    p.close();
    assertThrows(PoolClosedException.class, p::acquire);
    FakeStream idle = session.streams.get(1);
    FakeStream out = (FakeStream) leased.get();
    assertEquals(1, idle.closeCalls.get());
    assertEquals(0, out.closeCalls.get());
    leased.close();
    assertEquals(1, out.closeCalls.get());
    assertTrue(session.isOpen());
  }

  @Test
  void builderRejectsBadInput_PY1() {
    SessionPoolTest.assertMessage("maxSize", () -> StreamPool.builder().maxSize(0));
    SessionPoolTest.assertMessage("openTimeout", () -> StreamPool.builder().openTimeout(Duration.ZERO));
    assertThrows(NullPointerException.class, () -> StreamPool.builder().session(null));
    assertEquals("session is required", assertThrows(IllegalStateException.class, () -> StreamPool.builder().build()).getMessage());
  }
}
