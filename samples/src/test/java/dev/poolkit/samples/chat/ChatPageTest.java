package dev.poolkit.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ChatPageTest {
  private static final String HASH = "0123456789abcdef".repeat(4);

  @Test
  void servesThePageWithTheServerUrlAndCertificateHashFilledIn() throws Exception {
    try (ChatPage page = ChatPage.start(URI.create("https://127.0.0.1:4433"), HASH, 0);
         HttpClient http = HttpClient.newHttpClient()) {
      URI url = page.url("lobby", "browser");
      assertEquals("127.0.0.1", url.getHost());
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertEquals("text/html; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
      String body = response.body();
      assertTrue(body.contains("const WT_BASE = \"https://127.0.0.1:4433\";"), body);
      assertTrue(body.contains("const CERT_SHA256 = \"" + HASH + "\";"), body);
      assertTrue(body.contains("serverCertificateHashes"), body);
      assertFalse(body.contains("__WT_BASE__") || body.contains("__CERT_SHA256__"), "placeholders left");

      HttpResponse<String> other = http.send(
          HttpRequest.newBuilder(url.resolve("/secret.txt")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(404, other.statusCode());
    }
  }

  @Test
  void refusesAHashThatIsNotSha256Hex() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ChatPage.start(URI.create("https://127.0.0.1:4433"), "abc", 0));
    assertTrue(e.getMessage().contains("'abc'"), e.getMessage());
  }
}
