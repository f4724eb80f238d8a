package dev.poolkit.webtransport.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolkit.webtransport.Trust;
import dev.poolkit.webtransport.WebTransportClient;
import dev.poolkit.webtransport.WebTransportConnection;
import dev.poolkit.webtransport.WebTransportServer;
import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The workaround for Kwik's lost send request reaches both ends of a real stream. */
class SendNudgeTest {

  @Test
  void clientAndServerStreamsBothNudgeKwik() throws Exception {
    CompletableFuture<WebTransportStream> serverSide = new CompletableFuture<>();
    try (WebTransportServer server = WebTransportServer.builder()
            .route("/nudge", s -> s.onIncomingStream(stream -> {
              serverSide.complete(stream);
              try {
                stream.write(stream.readNBytes(3, Duration.ofSeconds(5)));
              } catch (java.io.IOException e) {
                serverSide.completeExceptionally(e);
              }
            }))
            .start();
        WebTransportConnection connection = connect(server);
        WebTransportSession session = connection.openSession("/nudge");
        WebTransportStream stream = session.openStream()) {
      stream.write(new byte[] {1, 2, 3});
      assertArrayEquals(new byte[] {1, 2, 3}, stream.readNBytes(3, Duration.ofSeconds(5)));
      assertTrue(((TrackedStream) stream).nudgesKwik(), "client stream");
      assertTrue(((TrackedStream) serverSide.get(5, TimeUnit.SECONDS)).nudgesKwik(), "server stream");
    }
  }

  /**
   * Flupke writes on streams no TrackedStream sees: the client's CONNECT request (stream 0, the
   * first client bidirectional stream) and its HTTP/3 control stream (2, the first client
   * unidirectional one). The connection-wide nudge must reach those, and a stream the session opened.
   */
  @Test
  void theConnectionNudgeReachesFlupkesOwnStreams() throws Exception {
    try (WebTransportServer server = WebTransportServer.builder().route("/nudge", s -> {}).start();
        WebTransportConnection connection = connect(server);
        WebTransportSession session = connection.openSession("/nudge");
        WebTransportStream stream = session.openStream()) {
      stream.write(new byte[] {1});
      SendNudge nudge = ((KwikConnection) connection).flupkeWrites();
      assertTrue(nudge.isActive(), "Kwik's stream table is reachable");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      List<Integer> reached = List.of();
      while (!reached.containsAll(List.of(0, 2, 4)) && System.nanoTime() < deadline) {
        nudge.afterWrite();
        Thread.sleep(20);
        reached = IntStream.of(nudge.reached()).boxed().toList();
      }
      assertTrue(reached.containsAll(List.of(0, 2, 4)), "streams nudged: " + reached);
    }
  }

  private static WebTransportConnection connect(WebTransportServer server) throws Exception {
    return WebTransportClient.builder()
        .trust(Trust.pinnedSha256(server.certificate().sha256Hex()))
        .build()
        .connect("127.0.0.1", server.port());
  }

  @Test
  void anUnknownConnectionOrOutputIsLeftAlone() {
    assertTrue(!SendNudge.forOutput(null, java.io.OutputStream.nullOutputStream()).isActive());
    SendNudge.forOutput(null, null).afterWrite(); // no-op, no timer
    assertTrue(!SendNudge.forConnection(null).isActive());
  }
}
