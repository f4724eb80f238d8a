package dev.poolkit.webtransport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolkit.Lease;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server is a separate process that is killed with SIGKILL: no CONNECTION_CLOSE, nothing.
 * Every pooled request after the kill either fails within its deadlines or, once a new server
 * process listens on the same port, succeeds. None hangs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerKillTest {
  private static final Duration DEADLINE = Duration.ofSeconds(2);
  /** Longest a failing request may take: acquire wait + connect + session open + read, with slack. */
  private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(12);

  @Test
  void requestsAfterAKillFailWithinTheirDeadlinesThenSucceedOnceTheServerIsBack(@TempDir Path dir) throws Exception {
    ServerCertificate certificate = ServerCertificate.selfSigned();
    Path keyStore = dir.resolve("server.p12");
    try (OutputStream out = Files.newOutputStream(keyStore)) {
      certificate.keyStore().store(out, certificate.password());
    }
    WebTransportClient client = WebTransportClient.builder()
        .trust(Trust.pinnedSha256(certificate.sha256Hex()))
        .connectTimeout(DEADLINE)
        .operationTimeout(DEADLINE)
        .idleTimeout(Duration.ofSeconds(2))
        .build();

    Process first = startServer(0, keyStore, certificate);
    int port = readPort(first);
    try (SessionPool sessions = SessionPool.builder()
        .client(client)
        .url(java.net.URI.create("https://127.0.0.1:" + port + "/echo"))
        .maxSize(4)
        .acquireTimeout(DEADLINE)
        .build()) {
      assertEquals(Outcome.OK, request(sessions));
      assertEquals(Outcome.OK, request(sessions));

      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

      List<Outcome> afterKill = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        long start = System.nanoTime();
        afterKill.add(request(sessions));
        long took = System.nanoTime() - start;
        assertTrue(took < BOUND_NANOS, "a request after the kill took " + took / 1_000_000 + " ms: " + afterKill);
      }
      assertTrue(afterKill.stream().allMatch(o -> o == Outcome.FAILED), "no server, yet: " + afterKill);

      Process second = startServer(port, keyStore, certificate);
      try {
        assertEquals(port, readPort(second));
        Outcome outcome = Outcome.FAILED;
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        int attempts = 0;
        while (outcome != Outcome.OK && System.nanoTime() < giveUp) {
          long start = System.nanoTime();
          outcome = request(sessions);
          attempts++;
          assertTrue(System.nanoTime() - start < BOUND_NANOS, "a request while recovering hung");
        }
        assertEquals(Outcome.OK, outcome, "the pool never reached the restarted server in " + attempts + " attempts");
        var stats = sessions.stats();
        assertTrue(stats.inUse() == 0 && stats.allocated() <= 4, stats.toString());
      } finally {
        second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      first.destroyForcibly();
    }
  }

  private enum Outcome { OK, FAILED }

  /** Session from the pool, new stream, 1-byte echo; any failure invalidates the session. */
  private static Outcome request(SessionPool sessions) throws InterruptedException {
    Lease<WebTransportSession> lease;
    try {
      lease = sessions.acquire(DEADLINE);
    } catch (dev.poolkit.PoolException e) {
      return Outcome.FAILED;
    }
    try (lease) {
      try (WebTransportStream stream = lease.get().openStream(DEADLINE)) {
        stream.write(new byte[] {7});
        byte[] answer = stream.readNBytes(1, DEADLINE);
        return answer.length == 1 && answer[0] == 7 ? Outcome.OK : fail(lease);
      } catch (IOException e) {
        return fail(lease);
      }
    }
  }

  private static Outcome fail(Lease<WebTransportSession> lease) {
    lease.invalidate();
    return Outcome.FAILED;
  }

  private static Process startServer(int port, Path keyStore, ServerCertificate certificate) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), EchoServerMain.class.getName(),
        Integer.toString(port), keyStore.toString(), new String(certificate.password()))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static int readPort(Process server) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line = lines.readLine();
    if (line == null || !line.startsWith("PORT ")) {
      throw new IOException("the server process did not start: " + line);
    }
    return Integer.parseInt(line.substring(5).trim());
  }
}
