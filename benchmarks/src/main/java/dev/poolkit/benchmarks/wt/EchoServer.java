package dev.poolkit.benchmarks.wt;

import dev.poolkit.webtransport.WebTransportServer;
import dev.poolkit.webtransport.WebTransportStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A loopback WebTransport server whose {@code /echo} route echoes every stream until its FIN. */
final class EchoServer {
  private EchoServer() {}

  static WebTransportServer start() throws IOException {
    return WebTransportServer.builder()
        .maxSessionsPerConnection(64)
        .route("/echo", session -> session.onIncomingStream(EchoServer::echo))
        .start();
  }

  private static void echo(WebTransportStream stream) {
    byte[] buffer = new byte[512];
    try (stream) {
      InputStream in = stream.inputStream();
      OutputStream out = stream.outputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // The client went away: nothing to echo to.
    }
  }
}
