package dev.poolkit.webtransport.internal;

import tech.kwik.core.QuicConnection;

/**
 * Turns off one Kwik 0.10.8 assertion that fails on fast links, before Kwik initializes the class.
 *
 * <p>{@code LossDetector.detectLostPackets} asserts {@code lossDelay > 0}, where the delay is 9/8 of
 * the RTT in whole milliseconds; on loopback (and any link under 1 ms) the RTT is 0 ms. With
 * assertions on ({@code -ea}, which Maven Surefire sets for every test run) the AssertionError
 * escapes into Kwik's packet processing, which "aborts" the server connection: it is dropped from
 * the connector's table without being closed, so every later packet from the client is discarded
 * while the client still sees an open connection. Each operation then stalls until its deadline
 * (NOTES G0, measured: 1 to 2 of 300 fresh connections with 8 sessions each). Without {@code -ea}
 * the assertion is skipped and Kwik goes on with a 0 ms loss delay, as it does in production.
 *
 * <p>Only that class is affected; it is Kwik's own consistency check, not Poolkit's. The setting
 * takes effect for a class initialized after it, so both the server and the client call {@link
 * #apply} before they create their first Kwik connection.
 */
final class KwikAssertions {
  private static final String LOSS_DETECTOR = "tech.kwik.core.recovery.LossDetector";

  static {
    ClassLoader kwik = QuicConnection.class.getClassLoader();
    if (kwik != null) {
      kwik.setClassAssertionStatus(LOSS_DETECTOR, false);
    }
  }

  private KwikAssertions() {}

  /** Runs the class initializer above once; later calls do nothing. */
  static void apply() {}
}
