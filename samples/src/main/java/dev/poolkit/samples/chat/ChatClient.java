package dev.poolkit.samples.chat;

import dev.poolkit.samples.chat.LineReader.Line;
import dev.poolkit.webtransport.WebTransportClient;
import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One chat participant: a subscription that receives the room's messages, and a {@link
 * PooledSender} that sends through a {@code SessionPool} and {@code StreamPool}s.
 *
 * <p>The subscription is a session of its own (outside the pool, it lives as long as the client)
 * with one stream that sent {@code SUB}; a virtual thread reads the server's pushes from it and
 * hands each message to the listener, in room order.
 *
 * <pre>{@code
 * try (ChatClient alice = ChatClient.join(transport, URI.create("https://127.0.0.1:4433"), "lobby", "alice",
 *         m -> System.out.println(m.from() + ": " + m.text()))) {
 *   alice.send("hello");
 * }
 * }</pre>
 */
public final class ChatClient implements AutoCloseable {
  /** Sessions and streams per session a client's pools may open. */
  static final int MAX_SESSIONS = 2;
  static final int STREAMS_PER_SESSION = 4;

  private final String room;
  private final String name;
  private final WebTransportSession feed;
  private final PooledSender sender;
  private final CompletableFuture<Void> feedEnded = new CompletableFuture<>();

  private ChatClient(String room, String name, WebTransportSession feed, PooledSender sender) {
    this.room = room;
    this.name = name;
    this.feed = feed;
    this.sender = sender;
  }

  /**
   * Joins {@code room} as {@code name} on the chat server at {@code server} ({@code
   * https://host:port}) and subscribes to it.
   *
   * <p>Returns once the server confirmed the subscription: every message the room accepts after
   * that reaches {@code onMessage} (called on one virtual thread, in room order; it should not
   * block long). Waits at most the transport's operation timeout for the confirmation.
   *
   * @throws IllegalArgumentException if room or name do not match {@code [A-Za-z0-9_-]{1,32}}
   * @throws IOException the session could not be opened or the server refused it
   */
  public static ChatClient join(
      WebTransportClient transport, URI server, String room, String name, Consumer<ChatMessage> onMessage)
      throws IOException, InterruptedException {
    Objects.requireNonNull(onMessage, "onMessage");
    URI url = server.resolve(ChatProtocol.sessionPath(room, name));
    WebTransportSession feed = transport.openSession(url);
    PooledSender sender = null;
    try {
      sender = new PooledSender(transport, url, MAX_SESSIONS, STREAMS_PER_SESSION);
      ChatClient client = new ChatClient(room, name, feed, sender);
      client.subscribe(onMessage, transport);
      return client;
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (sender != null) {
        sender.close();
      }
      feed.close();
      throw e;
    }
  }

  private void subscribe(Consumer<ChatMessage> onMessage, WebTransportClient transport)
      throws IOException, InterruptedException {
    WebTransportStream stream = feed.openStream();
    stream.write(ChatProtocol.line(ChatProtocol.SUBSCRIBE));
    CompletableFuture<Long> confirmed = new CompletableFuture<>();
    Thread.ofVirtual().name("chat-feed-" + name).start(() -> readFeed(stream, confirmed, onMessage));
    try {
      confirmed.get(transport.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException("no subscription confirmation from the server within " + transport.operationTimeout());
    } catch (ExecutionException e) {
      throw new IOException("subscription refused: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private void readFeed(WebTransportStream stream, CompletableFuture<Long> confirmed, Consumer<ChatMessage> onMessage) {
    LineReader lines = new LineReader(stream.inputStream()::read, ChatProtocol.MAX_SERVER_LINE_BYTES);
    try {
      Line first = lines.next();
      SendResult answer = first instanceof Line.Text(String text) ? SendResult.parse(text) : null;
      if (!(answer instanceof SendResult.Accepted(long lastSeq))) {
        confirmed.completeExceptionally(new IOException("server answered SUB with " + first));
        return;
      }
      confirmed.complete(lastSeq);
      while (lines.next() instanceof Line.Text(String line)) {
        try {
          onMessage.accept(ChatMessage.parse(line));
        } catch (RuntimeException e) {
          System.err.println("chat: listener of " + name + " failed: " + e);
        }
      }
    } catch (IOException | RuntimeException e) {
      confirmed.completeExceptionally(e);
    } finally {
      feedEnded.complete(null);
    }
  }

  public String room() {
    return room;
  }

  public String name() {
    return name;
  }

  /**
   * Sends a message. Its text must not contain a newline; the server refuses more than {@value
   * ChatProtocol#MAX_TEXT_BYTES} UTF-8 bytes with {@code too-long}.
   *
   * @throws IllegalArgumentException if {@code text} contains a newline
   */
  public SendResult send(String text) throws IOException, InterruptedException {
    return sendBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends a message given as raw bytes, which are not checked here: the server answers invalid
   * UTF-8 with {@code invalid-utf8}.
   *
   * @throws IllegalArgumentException if {@code text} contains a newline byte
   */
  public SendResult sendBytes(byte[] text) throws IOException, InterruptedException {
    return sender.send(ChatProtocol.sendLine(text));
  }

  /** Completes when the subscription ended (server gone, session closed, or {@link #close()}). */
  public CompletableFuture<Void> feedEnded() {
    return feedEnded;
  }

  /** Sessions and streams the client's pools created and reused so far. */
  public PoolFigures poolFigures() {
    return sender.figures();
  }

  /** Leaves the room: closes the pools and the subscription session. Idempotent. */
  @Override
  public void close() {
    sender.close();
    feed.close();
  }
}
