package dev.poolkit.samples.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.poolkit.samples.browser.BrowserScript;
import dev.poolkit.webtransport.Trust;
import dev.poolkit.webtransport.WebTransportClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Headless Chromium (Debian's /usr/bin/chromium, QUIC on) opens the chat page, which joins a room
 * over WebTransport with {@code serverCertificateHashes}; a Java client chats with it both ways.
 * {@code src/test/browser/chat-page.mjs} drives the page with playwright-core ({@link BrowserScript}). Fails when node or
 * Chromium cannot start: there is no skip.
 */
@Timeout(180)
class ChatPageBrowserTest {
  private static final Path SCREENSHOT = Path.of("target/chat-page.png").toAbsolutePath();
  private static final Duration STEP = Duration.ofSeconds(60);

  @Test
  @DisplayName("Chromium page and Java client exchange messages over WebTransport; screenshot in target/")
  void browserAndJavaClientChat() throws Exception {
    String fromJava = "hello from java ☕ " + System.nanoTime();
    String fromBrowser = "hello from chromium, grüße " + System.nanoTime();
    Files.deleteIfExists(SCREENSHOT);

    try (ChatServer server = ChatServer.start();
         ChatPage page = ChatPage.start(server)) {
      WebTransportClient transport = WebTransportClient.builder()
          .trust(Trust.pinnedSha256(server.certificateSha256Hex()))
          .build();
      List<ChatMessage> received = new CopyOnWriteArrayList<>();
      try (ChatClient java = ChatClient.join(transport, server.baseUrl(), "lobby", "java", received::add)) {
        try (BrowserScript node = BrowserScript.start("chat-page.mjs", "chat-page-node.log",
            List.of(page.url("lobby", "browser").toString(), SCREENSHOT.toString(), fromJava, fromBrowser))) {
          // "JOINED joined lobby as browser", with " (attempt 2)" when the page had to retry its join.
          // The page retries as a chat page should, but here the first join must work: failed first
          // joins were the server dropping Chromium's connection (webtransport NOTES G0).
          String joined = node.expect("JOINED", STEP);
          System.out.println("ChatPageBrowserTest: " + joined);
          assertFalse(joined.contains("(attempt"), "the page's first join failed: " + joined);
          assertInstanceOf(SendResult.Accepted.class, java.send(fromJava));
          node.expect("RECEIVED", STEP);
          String sent = node.expect("SENT", STEP);
          assertTrue(sent.startsWith("SENT OK "), sent);
          node.expect("SCREENSHOT", STEP);
          node.expectExitZero(STEP);
        }
        awaitMessage(received, "browser", fromBrowser);
      }
    }
    byte[] png = Files.readAllBytes(SCREENSHOT);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "screenshot is a PNG");
  }

  private static void awaitMessage(List<ChatMessage> received, String from, String text) throws InterruptedException {
    long deadline = System.nanoTime() + STEP.toNanos();
    while (received.stream().noneMatch(m -> m.from().equals(from) && m.text().equals(text))) {
      if (System.nanoTime() > deadline) {
        fail("the Java client did not receive '" + text + "' from " + from + "; got " + received);
      }
      Thread.sleep(10);
    }
  }
}
