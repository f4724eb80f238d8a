package dev.poolkit.samples.chat;

import dev.poolkit.samples.chat.LineReader.Line;
import dev.poolkit.webtransport.ServerCertificate;
import dev.poolkit.webtransport.WebTransportServer;
import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The chat server: a {@link WebTransportServer} whose sessions at {@code /chat/<room>?name=<name>}
 * join a room. Each stream a client opens is served on its own virtual thread: {@code MSG} lines are
 * posted to the room and acknowledged, a {@code SUB} line turns the stream into that session's feed
 * of the room (see {@link ChatProtocol}).
 *
 * <p>A client that vanishes only ends its own streams: its subscription is dropped when a write to
 * it fails or its queue overflows, or when its session ends.
 */
public final class ChatServer implements AutoCloseable {
  /** Messages that may wait for one slow subscriber before it is dropped. */
  static final int SUBSCRIBER_QUEUE = 1024;

  private final ConcurrentHashMap<String, ChatRoom> rooms = new ConcurrentHashMap<>();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final WebTransportServer server;

  private ChatServer(WebTransportServer.Builder builder) throws IOException {
    this.server = builder
        .authorize(request -> authorize(request.path()))
        .route(ChatProtocol.PATH_PREFIX, this::accept)
        .start();
  }

  /** A server on 127.0.0.1, a free UDP port, with a fresh self-signed certificate. */
  public static ChatServer start() throws IOException {
    return start(InetAddress.getLoopbackAddress(), 0, ServerCertificate.selfSigned());
  }

  /**
   * A server on {@code address:port} (0 picks a free port) with {@code certificate}.
   *
   * @throws IOException if the UDP port cannot be bound
   */
  public static ChatServer start(InetAddress address, int port, ServerCertificate certificate)
      throws IOException {
    return new ChatServer(WebTransportServer.builder().bind(address, port).certificate(certificate));
  }

  /** {@code https://host:port}, the base for {@link ChatClient} and the page. */
  public URI baseUrl() {
    URI any = server.url("/");
    return URI.create(any.getScheme() + "://" + any.getRawAuthority());
  }

  /** The URL of a chat session: {@code https://host:port/chat/<room>?name=<name>}. */
  public URI sessionUrl(String room, String name) {
    return server.url(ChatProtocol.sessionPath(room, name));
  }

  /** SHA-256 of the server certificate, hex: what clients pin and browsers pass as a certificate hash. */
  public String certificateSha256Hex() {
    return server.certificate().sha256Hex();
  }

  /** The transport underneath, for its connection and session counts. */
  public WebTransportServer transport() {
    return server;
  }

  /** Messages accepted and refused (too long, invalid UTF-8, unknown command) so far. */
  public long acceptedMessages() {
    return accepted.sum();
  }

  public long refusedLines() {
    return refused.sum();
  }

  /** Last sequence number of each room that has seen a session, by room name. */
  public Map<String, Long> roomSequences() {
    Map<String, Long> out = new TreeMap<>();
    rooms.forEach((name, room) -> out.put(name, room.lastSeq()));
    return out;
  }

  /** Subscriptions currently open in {@code room} (0 for a room never seen). */
  public int subscriberCount(String room) {
    ChatRoom r = rooms.get(room);
    return r == null ? 0 : r.subscriberCount();
  }

  /** Stops the server: every session ends. Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  /** 404 outside /chat/, 400 for a bad room or name, else 200. */
  private static int authorize(String pathAndQuery) {
    String path = URI.create(pathAndQuery).getPath();
    if (path == null || !path.startsWith(ChatProtocol.PATH_PREFIX)) {
      return 404;
    }
    if (!ChatProtocol.isValidName(path.substring(ChatProtocol.PATH_PREFIX.length()))) {
      return 400;
    }
    if (pathAndQuery.contains("?") && ChatProtocol.parseSessionPath(pathAndQuery) == null) {
      return 400;
    }
    return 200;
  }

  /** Runs before the session is answered: only registers the stream handler (must not block). */
  private void accept(WebTransportSession session) {
    ChatProtocol.Member member = ChatProtocol.parseSessionPath(session.path());
    if (member == null) {
      session.close(400, "chat sessions need /chat/<room>?name=<name>");
      return;
    }
    ChatRoom room = rooms.computeIfAbsent(member.room(), ChatRoom::new);
    session.onIncomingStream(stream -> serve(stream, room, member.name()));
  }

  /** Serves one stream until the client finishes it or the session ends. */
  private void serve(WebTransportStream stream, ChatRoom room, String name) {
    LineReader lines = new LineReader(stream.inputStream()::read, ChatProtocol.MAX_CLIENT_LINE_BYTES);
    StreamSubscriber subscription = null;
    try {
      while (true) {
        Line line = lines.next();
        if (line instanceof Line.End) {
          break;
        }
        if (subscription != null) {
          continue; // a subscription stream carries nothing more from the client: ignore it
        }
        switch (line) {
          case Line.TooLong ignored -> refuse(stream, ChatProtocol.TOO_LONG);
          case Line.InvalidUtf8 ignored -> refuse(stream, ChatProtocol.INVALID_UTF8);
          case Line.Text(String text) when text.equals(ChatProtocol.SUBSCRIBE) -> {
            subscription = new StreamSubscriber(stream, room, SUBSCRIBER_QUEUE);
            subscription.start();
          }
          case Line.Text(String text) when text.startsWith(ChatProtocol.SEND) -> {
            ChatMessage posted = room.post(name, text.substring(ChatProtocol.SEND.length()));
            accepted.increment();
            stream.write(ChatProtocol.line(ChatProtocol.OK + posted.seq()));
          }
          case Line.Text ignored -> refuse(stream, ChatProtocol.UNKNOWN_COMMAND);
          case Line.End ignored -> throw new AssertionError("handled above");
        }
      }
    } catch (IOException | RuntimeException e) {
      // the client reset the stream or the session ended: nothing left to answer
    } finally {
      if (subscription != null) {
        subscription.stop();
      }
      stream.close();
    }
  }

  private void refuse(WebTransportStream stream, String reason) throws IOException {
    refused.increment();
    stream.write(ChatProtocol.line(ChatProtocol.ERR + reason));
  }
}
