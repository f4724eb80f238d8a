package dev.poolkit.webtransport.foreign;

import dev.poolkit.webtransport.ServerCertificate;
import dev.poolkit.webtransport.Trust;
import dev.poolkit.webtransport.WebTransportClient;
import dev.poolkit.webtransport.WebTransportConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One connect with a patient deadline before a class's tests: the first handshake with a fresh
 * quiche server in a JVM that has not loaded Netty yet took 0.3-0.5 s here, and once, in a full
 * suite run on the shared machine, more than 5 s. The tests' own deadlines are for warm connections.
 */
final class NettyWarmUp {
  private NettyWarmUp() {}

  static void connectOnce(ServerCertificate certificate, int port) throws Exception {
    WebTransportClient patient = WebTransportClient.builder().trust(Trust.pinnedSha256(certificate.sha256Hex()))
        .connectTimeout(Duration.ofSeconds(20)).operationTimeout(Duration.ofSeconds(20)).build();
    long start = System.nanoTime();
    try (WebTransportConnection connection = patient.connect("127.0.0.1", port)) {
      System.out.printf("[netty-warm-up] first connect to the quiche server: %d ms%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
  }
}
