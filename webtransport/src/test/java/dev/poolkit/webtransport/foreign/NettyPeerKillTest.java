package dev.poolkit.webtransport.foreign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.poolkit.Lease;
import dev.poolkit.PoolException;
import dev.poolkit.PoolStats;
import dev.poolkit.webtransport.CloseInfo;
import dev.poolkit.webtransport.ServerCertificate;
import dev.poolkit.webtransport.SessionPool;
import dev.poolkit.webtransport.StreamPool;
import dev.poolkit.webtransport.Trust;
import dev.poolkit.webtransport.WebTransportClient;
import dev.poolkit.webtransport.WebTransportConnection;
import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Netty server runs in a child JVM that is killed with SIGKILL while the pools hold a leased
 * session with a leased stream and an idle session: quiche sends nothing more, not even
 * CONNECTION_CLOSE. The in-flight read fails by its deadline, the client learns of the death from
 * its own idle timer (keep-alive PINGs go unanswered), and from then on no acquire hands out a
 * session on the dead connection; each fails within its deadline.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NettyPeerKillTest {
  private static final Duration DEADLINE = Duration.ofSeconds(1);
  /** The shortest QUIC idle timeout the client accepts: how long a silent death may go unseen. */
  private static final Duration IDLE = Duration.ofSeconds(2);
  /** An acquire that must open a connection: its deadline, then the connect's, with slack for a loaded machine. */
  private static final long ACQUIRE_BOUND_MILLIS = DEADLINE.toMillis() * 2 + 3_000;

  @Test
  void afterAKillTheInFlightReadFailsByItsDeadlineAndNoDeadSessionIsHandedOut(@TempDir Path dir) throws Exception {
    ServerCertificate certificate = ServerCertificate.selfSigned();
    WebTransportClient client = WebTransportClient.builder()
        .trust(Trust.pinnedSha256(certificate.sha256Hex()))
        .connectTimeout(DEADLINE).operationTimeout(DEADLINE).idleTimeout(IDLE)
        .build();
    try (NettyServerProcess server = NettyServerProcess.start(dir, certificate, 20);
        SessionPool sessions = SessionPool.builder().client(client)
            .url(URI.create("https://127.0.0.1:" + server.port() + "/echo"))
            .maxSize(2).acquireTimeout(DEADLINE).build()) {
      warmUp(certificate, server.port());
      Lease<WebTransportSession> held = sessions.acquire();
      WebTransportConnection connection = Objects.requireNonNull(held.get().connection());
      try (Lease<WebTransportSession> idle = sessions.acquire()) {
        assertEquals(5, echo(idle.get(), 5), "a second session, left idle in the pool");
      }
      long killed;
      long readFailedMillis;
      try (StreamPool streams = StreamPool.builder().session(held.get()).maxSize(1).acquireTimeout(DEADLINE).build()) {
        Lease<WebTransportStream> stream = streams.acquire();
        stream.get().write(new byte[] {1});
        assertArrayEquals(new byte[] {1}, stream.get().readNBytes(1, DEADLINE));

        server.kill();
        assertFalse(server.isAlive());
        killed = System.nanoTime();

        // The exchange in flight: nothing comes back, and the read gives up at its deadline.
        stream.get().write(new byte[] {2});
        assertThrows(IOException.class, () -> stream.get().readNBytes(1, DEADLINE));
        readFailedMillis = millisSince(killed);
        assertTrue(readFailedMillis < DEADLINE.toMillis() + 3_000, "the read failed after " + readFailedMillis + " ms");
        assertFalse(stream.get().isReusable());
        stream.close();
        assertEquals(0, streams.stats().allocated(), "the broken stream was disposed: " + streams.stats());
      }
      held.close();

      // Until the client sees the death, the pool cannot tell: it may hand out a session, whose
      // first exchange then fails by its deadline. The death shows within the idle timeout.
      CloseInfo death = connection.closeFuture().get(IDLE.toMillis() + 8_000, TimeUnit.MILLISECONDS);
      long seenMillis = millisSince(killed);

      List<String> outcomes = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        try (Lease<WebTransportSession> lease = sessions.acquire(DEADLINE)) {
          fail("a session was handed out with no server alive: open=" + lease.get().isOpen()
              + ", connection open=" + Objects.requireNonNull(lease.get().connection()).isOpen());
        } catch (PoolException e) {
          long took = millisSince(start);
          outcomes.add(e.getClass().getSimpleName() + " in " + took + " ms");
          assertTrue(took < ACQUIRE_BOUND_MILLIS, "an acquire after the death took " + took + " ms: " + outcomes);
        }
      }
      // An acquire's deadline does not stop the connect it started (it ends at its own connect
      // timeout, and a session it made would join the pool): wait for those to finish.
      PoolStats stats = sessions.stats();
      long restDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (stats.creating() > 0 && System.nanoTime() - restDeadline < 0) {
        Thread.sleep(10);
        stats = sessions.stats();
      }
      assertEquals(0, stats.creating(), "connects left running: " + stats);
      assertEquals(0, stats.inUse(), stats.toString());
      assertEquals(0, stats.allocated(), "both sessions on the dead connection were disposed: " + stats);
      assertEquals(0, sessions.connectionStats().open(), sessions.connectionStats().toString());
      System.out.printf("[netty-kill] read failed %d ms after the kill; death seen after %d ms (%s); acquires: %s%n",
          readFailedMillis, seenMillis, death, outcomes);
    }
  }

  /**
   * One echo through a client with generous deadlines: the first handshake of two cold JVMs
   * (JIT, BoringSSL and quiche set-up) can take longer than the 1 s this test allows later.
   */
  private static void warmUp(ServerCertificate certificate, int port) throws Exception {
    WebTransportClient patient = WebTransportClient.builder().trust(Trust.pinnedSha256(certificate.sha256Hex()))
        .connectTimeout(Duration.ofSeconds(15)).operationTimeout(Duration.ofSeconds(15)).build();
    try (WebTransportSession session = patient.openSession(URI.create("https://127.0.0.1:" + port + "/echo"))) {
      assertEquals(9, echo(session, 9));
    }
  }

  private static int echo(WebTransportSession session, int value) throws IOException, InterruptedException {
    try (WebTransportStream stream = session.openStream(DEADLINE)) {
      stream.write(new byte[] {(byte) value});
      return stream.readNBytes(1, DEADLINE)[0];
    }
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }
}
