package dev.poolkit.samples.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.poolkit.webtransport.CloseInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Headless Chromium (Debian's /usr/bin/chromium) against a {@link FeatureServer}: datagrams,
 * unidirectional streams, close code and reason both ways, 50 concurrent sessions and 1 MiB on one
 * stream. One Chromium run ({@code webtransport-features.mjs}) does every scenario, on the first
 * test that needs it; each test checks its own scenario's line and what the server recorded. Fails
 * when node or Chromium cannot start: there is no skip.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WebTransportBrowserTest {
  private static final List<String> SCENARIOS =
      List.of("datagrams", "uniStreams", "clientClose", "serverClose", "concurrentSessions", "bulk");
  private static final Duration RUN = Duration.ofSeconds(150);
  private static FeatureServer server;
  private static Map<String, String> results;

  /** Runs every scenario once; later calls return the same lines. */
  private static synchronized Map<String, String> results() throws Exception {
    if (results == null) {
      server = new FeatureServer();
      Map<String, String> lines = new ConcurrentHashMap<>();
      String base = server.server.url("/").toString().replaceAll("/$", "");
      List<String> args = new java.util.ArrayList<>(List.of(base, server.server.certificate().sha256Hex()));
      args.addAll(SCENARIOS);
      try (BrowserScript node = BrowserScript.start("webtransport-features.mjs", "webtransport-features-node.log", args)) {
        for (String scenario : SCENARIOS) {
          String line = node.expect("", RUN);
          System.out.println("WebTransportBrowserTest: " + line);
          String[] parts = line.split(" ", 3);
          if (parts[0].equals("ERROR")) {
            fail("Chromium run failed: " + line);
          }
          lines.put(parts[1], line);
        }
        node.expect("DONE", RUN);
        node.expectExitZero(RUN);
      }
      results = lines;
    }
    return results;
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  /** The scenario's JSON result; fails with the page's reason if it failed. */
  private static String result(String scenario) throws Exception {
    String line = results().get(scenario);
    if (line == null || !line.startsWith("RESULT " + scenario + " ")) {
      fail("scenario " + scenario + " failed in Chromium: " + line);
    }
    return line.substring(("RESULT " + scenario + " ").length());
  }

  /** A top-level field of a flat JSON object: a string's text or a number's digits. */
  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":(\"((?:[^\"\\\\]|\\\\.)*)\"|[-0-9.]+|null)").matcher(json);
    if (!m.find()) {
      fail("no field " + name + " in " + json);
    }
    return m.group(2) != null ? m.group(2) : m.group(1);
  }

  @Test
  void datagramsGoBothWays() throws Exception {
    String json = result("datagrams");
    assertEquals("echo:datagram from chromium ✓", field(json, "echo"), json);
    String seen = server.datagramsSeen.poll(5, TimeUnit.SECONDS);
    assertTrue(seen != null && seen.startsWith("datagram from chromium ✓ (server limit "), "server saw " + seen);
    assertTrue(Integer.parseInt(field(json, "maxDatagramSize")) > 1000, json);
  }

  @Test
  void unidirectionalStreamsGoBothWays() throws Exception {
    String json = result("uniStreams");
    assertEquals("one way from chromium ✓", server.uniStreamsSeen.poll(5, TimeUnit.SECONDS));
    assertEquals("echo:one way from chromium ✓", field(json, "answer"), json);
  }

  @Test
  void theBrowsersCloseCodeAndReasonReachTheServer() throws Exception {
    result("clientClose");
    CloseInfo info = server.clientClose.get(10, TimeUnit.SECONDS);
    assertEquals(new CloseInfo(CloseInfo.Cause.PEER, 4242, "bye from chromium ✓"), info);
  }

  @Test
  void theServersCloseCodeAndReasonReachTheBrowser() throws Exception {
    String json = result("serverClose");
    assertEquals("7777", field(json, "closeCode"), json);
    assertEquals("bye from java ☕", field(json, "reason"), json);
  }

  @Test
  void fiftyConcurrentSessionsEachEcho() throws Exception {
    String json = result("concurrentSessions");
    assertEquals("50", field(json, "echoed"), json);
    assertTrue(server.peakOpenEchoSessions.get() >= 50, "the server had all 50 open at once: peak "
        + server.peakOpenEchoSessions.get());
  }

  @Test
  void oneMebibyteGoesUpAndComesBackOnOneStream() throws Exception {
    String json = result("bulk");
    assertEquals("1048576", field(json, "received"), json);
    assertEquals("0", field(json, "mismatches"), json);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.largestEchoedStream.get() < 1 << 20 && System.nanoTime() < deadline) {
      Thread.sleep(5); // the server records the count after its FIN, which the page may see first
    }
    assertEquals(1 << 20, server.largestEchoedStream.get());
  }
}
