package dev.poolkit.benchmarks.wt;

import dev.poolkit.Lease;
import dev.poolkit.webtransport.SessionPool;
import dev.poolkit.webtransport.WebTransportClient;
import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** The request both variants make: open a stream on a session, echo one byte, close the stream. */
final class Requests {
  static final Duration DEADLINE = Duration.ofSeconds(5);

  private Requests() {}

  /** Acquire a pooled session, echo on a new stream, release. */
  static void pooled(SessionPool sessions) throws IOException, InterruptedException {
    try (Lease<WebTransportSession> lease = sessions.acquire(DEADLINE)) {
      try {
        echo(lease.get());
      } catch (IOException e) {
        lease.invalidate(); // a session that failed an echo is not trusted again
        throw e;
      }
    }
  }

  /** A new connection and session for one echo, closed afterwards. */
  static void fresh(WebTransportClient client, URI url) throws IOException, InterruptedException {
    try (WebTransportSession session = client.openSession(url)) {
      echo(session);
    }
  }

  private static void echo(WebTransportSession session) throws IOException, InterruptedException {
    try (WebTransportStream stream = session.openStream(DEADLINE)) {
      stream.write(new byte[] {42});
      byte[] answer = stream.readNBytes(1, DEADLINE);
      if (answer.length != 1 || answer[0] != 42) {
        throw new IOException("echo answered " + answer.length + " bytes instead of the one sent");
      }
    }
  }
}
