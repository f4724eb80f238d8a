package dev.poolkit.samples.browser;

import dev.poolkit.webtransport.CloseInfo;
import dev.poolkit.webtransport.WebTransportServer;
import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Java side of {@code webtransport-page.js}: one route, {@code /features?scenario=...}, whose
 * sessions do what the page's scenario expects and record what arrived.
 */
final class FeatureServer implements AutoCloseable {
  final BlockingQueue<String> datagramsSeen = new LinkedBlockingQueue<>();
  final BlockingQueue<String> uniStreamsSeen = new LinkedBlockingQueue<>();
  final CompletableFuture<CloseInfo> clientClose = new CompletableFuture<>();
  final AtomicInteger echoSessions = new AtomicInteger();
  final AtomicInteger peakOpenEchoSessions = new AtomicInteger();
  final AtomicLong largestEchoedStream = new AtomicLong();
  private final AtomicInteger openEchoSessions = new AtomicInteger();
  final WebTransportServer server;

  FeatureServer() throws IOException {
    server = WebTransportServer.builder().route("/features", this::accept).start();
  }

  private void accept(WebTransportSession session) {
    String scenario = query(session.path(), "scenario");
    switch (scenario) {
      case "datagrams" -> Thread.ofVirtual().start(() -> echoDatagrams(session));
      case "uni" -> session.onIncomingStream(stream -> answerOnOwnStream(session, stream));
      case "client-close" -> session.closeFuture().thenAccept(clientClose::complete);
      case "server-close" -> session.onIncomingStream(stream -> {
        readUpTo(stream, "close please".length());
        session.close(7777, "bye from java ☕");
      });
      case "echo" -> {
        echoSessions.incrementAndGet();
        peakOpenEchoSessions.accumulateAndGet(openEchoSessions.incrementAndGet(), Math::max);
        session.closeFuture().thenRun(openEchoSessions::decrementAndGet);
        session.onIncomingStream(this::echo);
      }
      default -> session.close(400, "unknown scenario " + scenario);
    }
  }

  private void echoDatagrams(WebTransportSession session) {
    try {
      while (true) {
        byte[] payload = session.receiveDatagram(Duration.ofSeconds(60));
        if (payload != null) {
          String text = new String(payload, StandardCharsets.UTF_8);
          datagramsSeen.add(text + " (server limit " + session.maxDatagramSize() + ")");
          session.sendDatagram(("echo:" + text).getBytes(StandardCharsets.UTF_8));
        }
      }
    } catch (IOException | InterruptedException e) {
      // The session ended.
    }
  }

  private void answerOnOwnStream(WebTransportSession session, WebTransportStream stream) {
    try (stream) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      stream.inputStream().transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      uniStreamsSeen.add(text);
      try (WebTransportStream answer = session.openUnidirectionalStream()) {
        answer.write(("echo:" + text).getBytes(StandardCharsets.UTF_8));
        answer.finish();
      }
    } catch (IOException | InterruptedException e) {
      uniStreamsSeen.add("server failed: " + e);
    }
  }

  private void echo(WebTransportStream stream) {
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    try (stream) {
      InputStream in = stream.inputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        stream.outputStream().write(buffer, 0, n);
        stream.outputStream().flush();
        total += n;
      }
      stream.finish();
    } catch (IOException e) {
      // The page went away.
    }
    largestEchoedStream.accumulateAndGet(total, Math::max);
  }

  private static void readUpTo(WebTransportStream stream, int length) {
    try {
      stream.inputStream().readNBytes(length);
    } catch (IOException e) {
      // Closing anyway.
    }
  }

  private static String query(String pathAndQuery, String name) {
    String query = URI.create(pathAndQuery).getQuery();
    for (String pair : query == null ? new String[0] : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    return "";
  }

  @Override
  public void close() {
    server.close();
  }
}
