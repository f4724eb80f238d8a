package dev.poolkit.webtransport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * NOTES G0: fresh connections whose first exchanges stalled for good. Each round connects anew and
 * opens 8 sessions at once, each echoing one byte on a stream opened right after the session; every
 * session of every round must finish within its deadlines. Before {@code internal.KwikAssertions},
 * 1 to 2 rounds in 300 stalled under Surefire's {@code -ea} (Kwik aborted the server connection
 * on an assertion). Lengthen with {@code -Dpoolkit.wt.freshRounds=...}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FreshConnectionTest {
  private static final int ROUNDS = Integer.getInteger("poolkit.wt.freshRounds", 100);
  private static final int SESSIONS = 8;

  @Test
  void everyRoundOnAFreshConnectionCompletes() throws Exception {
    List<String> failures = new ArrayList<>();
    int failedRounds = 0;
    try (WebTransportServer server = TestServers.echoServer().start();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      WebTransportClient client = TestServers.client(server);
      for (int round = 0; round < ROUNDS; round++) {
        int before = failures.size();
        try (WebTransportConnection connection = client.connect("127.0.0.1", server.port())) {
          List<Future<Byte>> echoes = new ArrayList<>();
          for (int i = 0; i < SESSIONS; i++) {
            int value = round * SESSIONS + i;
            echoes.add(threads.submit(() -> {
              try (WebTransportSession session = connection.openSession("/echo", Map.of(), Duration.ofSeconds(5))) {
                return TestServers.echoOnce(session, value);
              }
            }));
          }
          for (int i = 0; i < SESSIONS; i++) {
            try {
              assertEquals((byte) (round * SESSIONS + i), echoes.get(i).get(15, TimeUnit.SECONDS));
            } catch (Exception | AssertionError e) {
              failures.add("round " + round + " session " + i + ": " + e);
            }
          }
        } catch (IOException e) {
          failures.add("round " + round + ": " + e);
        }
        if (failures.size() > before) {
          failedRounds++;
        }
      }
    }
    assertEquals(List.of(), failures, failedRounds + " of " + ROUNDS + " rounds failed");
  }
}
