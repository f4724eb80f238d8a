package dev.poolkit.webtransport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/** Servers and clients the integration tests share. */
final class TestServers {
  private TestServers() {}

  /** Echoes every incoming stream until its FIN, then sends FIN. */
  static void echo(WebTransportStream stream) {
    byte[] buffer = new byte[1024];
    try (stream) {
      InputStream in = stream.inputStream();
      OutputStream out = stream.outputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
      stream.finish();
    } catch (IOException e) {
      // The client went away.
    }
  }

  /**
   * Sends every datagram the session receives back to it, until the session ends, on its own
   * virtual thread (a route handler must not block).
   */
  static void echoDatagrams(WebTransportSession session) {
    Thread.ofVirtual().name("test-datagram-echo").start(() -> {
      try {
        while (true) {
          byte[] payload = session.receiveDatagram(Duration.ofSeconds(30));
          if (payload != null) {
            session.sendDatagram(payload);
          }
        }
      } catch (IOException | InterruptedException e) {
        // The session ended.
      }
    });
  }

  /**
   * Sends {@code payload} until a datagram comes back (datagrams may be lost, RFC 9221), at most
   * {@code attempts} times, 1 s apart.
   *
   * @return the first datagram received after the first send
   */
  static byte[] datagramRoundTrip(WebTransportSession session, byte[] payload, int attempts)
      throws IOException, InterruptedException {
    for (int i = 0; i < attempts; i++) {
      session.sendDatagram(payload);
      byte[] answer = session.receiveDatagram(Duration.ofSeconds(1));
      if (answer != null) {
        return answer;
      }
    }
    throw new IOException("no datagram came back after " + attempts + " sends");
  }

  static WebTransportServer.Builder echoServer() {
    return WebTransportServer.builder().route("/echo", s -> s.onIncomingStream(TestServers::echo));
  }

  static WebTransportClient client(WebTransportServer server) {
    return clientBuilder(server).build();
  }

  static WebTransportClient.Builder clientBuilder(WebTransportServer server) {
    return WebTransportClient.builder()
        .trust(Trust.pinnedSha256(server.certificate().sha256Hex()))
        .connectTimeout(Duration.ofSeconds(5))
        .operationTimeout(Duration.ofSeconds(5));
  }

  /** One 1-byte echo on a new stream. */
  static byte echoOnce(WebTransportSession session, int value) throws IOException, InterruptedException {
    try (WebTransportStream stream = session.openStream()) {
      stream.write(new byte[] {(byte) value});
      byte[] answer = stream.readNBytes(1, Duration.ofSeconds(5));
      if (answer.length != 1) {
        throw new IOException("no echo");
      }
      return answer[0];
    }
  }
}
