package dev.poolkit.webtransport;

import dev.poolkit.Lease;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's WebTransport examples, compiled and run against a loopback server so they cannot rot. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadmeExampleTest {

  @Test
  void theReadmeExamplesRun() throws Exception {
    try (WebTransportServer server = TestServers.echoServer().start()) {
      String pinnedSha256 = server.certificate().sha256Hex();
      URI url = server.url("/echo");
      String host = "127.0.0.1";
      int port = server.port();
      byte[] request = {1, 2, 3};
      // README: begin
      WebTransportClient client = WebTransportClient.builder()
          .trust(Trust.pinnedSha256(pinnedSha256))      // or Trust.trustStore(ks); there is no trust-all
          .operationTimeout(Duration.ofSeconds(5))      // deadline of every network wait
          .build();

      // Sessions to one URL, sharing connections; a dead session is never handed out (PY-B1).
      try (SessionPool sessions = SessionPool.builder().client(client).url(url).maxSize(8).build()) {
        byte[] answer = sessions.withLease(session -> {
          // Streams of one session; one with FIN sent or unread bytes is never handed out (PY-B6).
          try (StreamPool streams = StreamPool.builder().session(session).maxSize(4).build()) {
            return streams.withLease(stream -> {
              stream.write(request);
              return stream.readNBytes(request.length, Duration.ofSeconds(2));
            });
          }
        });
        System.out.println(sessions.stats() + " on " + sessions.connectionStats());
        if (answer.length != request.length) throw new AssertionError("echo lost bytes");
      }

      // Connections to one endpoint, and connections per endpoint with a global limit.
      try (ConnectionPool connections = ConnectionPool.builder().client(client).host(host).port(port).maxSize(4).build();
          KeyedConnectionPool endpoints = KeyedConnectionPool.builder().client(client)
              .maxPerEndpoint(4).maxTotal(64).idleTimeout(Duration.ofSeconds(20)).build()) {
        try (Lease<WebTransportConnection> lease = connections.acquire();
            WebTransportSession session = lease.get().openSession("/echo")) {
          session.openStream().write(request);
        }
        try (Lease<WebTransportConnection> lease = endpoints.acquire(new Endpoint(host, port))) {
          System.out.println(lease.get().maxSessions() + " sessions allowed on " + lease.get());
        }
      }
      // README: end
    }
  }
}
