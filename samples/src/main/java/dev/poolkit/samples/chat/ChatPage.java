package dev.poolkit.samples.chat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the browser page of the chat ({@code chat.html}) over plain HTTP on 127.0.0.1, with the
 * WebTransport server's URL and certificate hash filled in. The page opens its session with {@code
 * serverCertificateHashes}, so the browser needs no trusted certificate.
 *
 * <p>{@code GET /?room=<room>&name=<name>} is the page; anything else is 404.
 */
public final class ChatPage implements AutoCloseable {
  private static final String TEMPLATE = "chat.html";

  private final HttpServer http;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final byte[] page;

  private ChatPage(URI webTransportBase, String certificateSha256Hex, int port) throws IOException {
    if (!certificateSha256Hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "certificateSha256Hex must be 64 lower-case hex digits, was '" + certificateSha256Hex + "'");
    }
    this.page = template()
        .replace("__WT_BASE__", webTransportBase.toString())
        .replace("__CERT_SHA256__", certificateSha256Hex)
        .getBytes(StandardCharsets.UTF_8);
    this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    http.setExecutor(executor);
    http.createContext("/", this::handle);
    http.start();
  }

  /**
   * Serves the page for the chat server at {@code webTransportBase} ({@code https://host:port}) on
   * 127.0.0.1 and {@code port} (0 picks a free one).
   *
   * @throws IllegalArgumentException if the hash is not 64 lower-case hex digits
   */
  public static ChatPage start(URI webTransportBase, String certificateSha256Hex, int port) throws IOException {
    return new ChatPage(webTransportBase, certificateSha256Hex, port);
  }

  /** The page for {@code chat}'s server on a free port. */
  public static ChatPage start(ChatServer chat) throws IOException {
    return start(chat.baseUrl(), chat.certificateSha256Hex(), 0);
  }

  /** {@code http://127.0.0.1:<port>/?room=<room>&name=<name>}. */
  public URI url(String room, String name) {
    InetSocketAddress a = http.getAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/?room="
        + URLEncoder.encode(ChatProtocol.requireValidName("room", room), StandardCharsets.UTF_8)
        + "&name=" + URLEncoder.encode(ChatProtocol.requireValidName("name", name), StandardCharsets.UTF_8));
  }

  /** Stops serving at once. Idempotent. */
  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      boolean isPage = exchange.getRequestURI().getPath().equals("/");
      if (!isPage || !exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(isPage ? 405 : 404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
    }
  }

  private static String template() {
    try (InputStream in = ChatPage.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + TEMPLATE + " missing next to " + ChatPage.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
