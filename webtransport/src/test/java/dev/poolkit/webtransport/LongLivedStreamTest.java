package dev.poolkit.webtransport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many request/response round trips on one stream, both ends on virtual threads, as a reused
 * pooled stream sees them. Without {@code internal.SendNudge}, Kwik 0.10.8 left the rest of a
 * partly sent write in its buffer with no send request queued and the exchange stopped: the
 * 1000- and 3000-byte cases failed in 2 of 2 runs, after 4 to 781 rounds. Lengthen with
 * {@code -Dpoolkit.wt.rounds=...}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LongLivedStreamTest {
  private static final int ROUNDS = Integer.getInteger("poolkit.wt.rounds", 3000);

  @ParameterizedTest(name = "{0}-byte messages")
  @ValueSource(ints = {10, 1000, 3000})
  void everyRoundTripOnOneStreamIsAnswered(int size) throws Throwable {
    try (WebTransportServer server = TestServers.echoServer().start();
        WebTransportConnection connection = TestServers.client(server).connect("127.0.0.1", server.port());
        WebTransportSession session = connection.openSession("/echo");
        WebTransportStream stream = session.openStream()) {
      AtomicInteger answered = new AtomicInteger();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread client = Thread.ofVirtual().start(() -> {
        try {
          byte[] message = new byte[size];
          for (int round = 0; round < ROUNDS; round++) {
            message[round % size] = (byte) round;
            stream.write(message);
            // Generous: an answer normally takes well under a millisecond here.
            assertArrayEquals(message, stream.readNBytes(size, Duration.ofSeconds(10)), "round " + round);
            answered.incrementAndGet();
          }
        } catch (Throwable t) {
          failure.set(t);
        }
      });
      client.join();
      if (failure.get() != null) {
        throw new AssertionError("answered " + answered.get() + " of " + ROUNDS + " rounds", failure.get());
      }
      assertEquals(ROUNDS, answered.get());
      assertEquals(true, stream.isReusable(), stream.toString());
    }
  }
}
