package dev.poolkit.samples.chat;

import dev.poolkit.samples.chat.LineReader.Line;
import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportStream;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The chat without the network setup: authorizes session paths, puts sessions into rooms and
 * serves their streams. {@link ChatServer} plugs it into a {@code WebTransportServer}; tests drive
 * it with in-memory sessions.
 */
final class ChatService {
  /** Messages that may wait for one slow subscriber before it is dropped. */
  static final int SUBSCRIBER_QUEUE = 1024;

  private final ConcurrentHashMap<String, ChatRoom> rooms = new ConcurrentHashMap<>();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final int subscriberQueue;

  ChatService(int subscriberQueue) {
    this.subscriberQueue = subscriberQueue;
  }

  long acceptedMessages() {
    return accepted.sum();
  }

  long refusedLines() {
    return refused.sum();
  }

  Map<String, Long> roomSequences() {
    Map<String, Long> out = new TreeMap<>();
    rooms.forEach((name, room) -> out.put(name, room.lastSeq()));
    return out;
  }

  int subscriberCount(String room) {
    ChatRoom r = rooms.get(room);
    return r == null ? 0 : r.subscriberCount();
  }

  /** For the transport's authorizer: 404 outside /chat/, 400 for a bad room or name, else 200. */
  static int authorize(String pathAndQuery) {
    String path;
    try {
      path = URI.create(pathAndQuery).getPath();
    } catch (IllegalArgumentException e) {
      return 400;
    }
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
  void accept(WebTransportSession session) {
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
            subscription = new StreamSubscriber(stream, room, subscriberQueue);
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
