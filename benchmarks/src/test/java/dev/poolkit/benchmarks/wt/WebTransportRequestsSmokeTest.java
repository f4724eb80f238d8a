package dev.poolkit.benchmarks.wt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the WebTransport request benchmark for a moment against a loopback server: proves it
 * works and that pooling really reuses sessions, never how fast it is (no assertion on a time).
 */
class WebTransportRequestsSmokeTest {

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void pooledAndFreshRequestsAndAShortLoadComplete() throws Exception {
    WebTransportRequests.Result r = WebTransportRequests.run(5, 50, 50, Duration.ofSeconds(1));

    assertEquals(5, r.fresh().count());
    assertEquals(50, r.pooled().count());
    // One thread never needs more than one session: everything after the first is reused.
    assertEquals(1, r.compareStats().created(), r.compareStats().toString());
    assertEquals(1, r.compareConnections());
    assertEquals(0, r.load().errors(), "load errors");
    assertTrue(r.load().requests() > 0, "load made no request");
    assertTrue(r.load().stats().created() <= 8 + r.load().stats().destroyed(), r.load().stats().toString());
    assertTrue(WebTransportRequests.markdown(r).contains("requests/s"));
  }
}
