package dev.poolkit.webtransport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unidirectional streams both ways: the client sends one, the server reads it to its FIN and
 * answers on a unidirectional stream of its own, which the client reads to its FIN.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnidirectionalStreamTest {

  @Test
  void aClientStreamReachesTheServerAndTheServersAnswerComesBackOnItsOwnStream() throws Exception {
    BlockingQueue<String> seenByServer = new LinkedBlockingQueue<>();
    BlockingQueue<WebTransportStream> toClient = new LinkedBlockingQueue<>();
    try (WebTransportServer server = WebTransportServer.builder()
            .route("/uni", s -> s.onIncomingStream(stream -> answerOnOwnStream(s, stream, seenByServer)))
            .start();
        WebTransportConnection connection = TestServers.client(server).connect("127.0.0.1", server.port());
        WebTransportSession session = connection.openSession("/uni")) {
      session.onIncomingStream(toClient::add);
      for (int round = 0; round < 3; round++) {
        String text = "one way " + round + " ✓";
        WebTransportStream out = session.openUnidirectionalStream();
        assertFalse(out.isBidirectional());
        assertTrue(out.isReceiveFinished(), "nothing to read on a send-only stream");
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.finish();
        assertFalse(out.isReusable(), "a finished stream is never reused");

        assertEquals(text, seenByServer.poll(10, TimeUnit.SECONDS), "the server read the client's stream to its FIN");
        WebTransportStream in = toClient.poll(10, TimeUnit.SECONDS);
        assertNotNull(in, "the server's unidirectional stream arrived");
        assertFalse(in.isBidirectional());
        assertEquals("echo:" + text, readToFin(in));
        assertTrue(in.isReceiveFinished());
        IOException write = assertThrows(IOException.class, () -> in.write(new byte[1]));
        assertTrue(write.getMessage().contains("sending only"), write.getMessage());
      }
      assertEquals(3, session.streamsOpened());
    }
  }

  /** On the server: reads a client's unidirectional stream to FIN, answers on a new one. */
  private static void answerOnOwnStream(WebTransportSession session, WebTransportStream stream, BlockingQueue<String> seen) {
    try (stream) {
      if (stream.isBidirectional()) {
        return;
      }
      String text = readToFin(stream);
      seen.add(text);
      try (WebTransportStream answer = session.openUnidirectionalStream()) {
        answer.write(("echo:" + text).getBytes(StandardCharsets.UTF_8));
        answer.finish();
      }
    } catch (IOException | InterruptedException e) {
      seen.add("server failed: " + e);
    }
  }

  private static String readToFin(WebTransportStream stream) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[256];
    int n;
    while ((n = stream.read(buffer, 0, buffer.length, Duration.ofSeconds(10))) >= 0) {
      all.write(buffer, 0, n);
    }
    return all.toString(StandardCharsets.UTF_8);
  }
}
