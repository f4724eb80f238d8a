package dev.poolkit.samples.chat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The chat's wire protocol in one place (see samples/README.md, "Protocol").
 *
 * <ul>
 *   <li>Session URL: {@code https://host:port/chat/<room>?name=<name>}; room and name match
 *       {@code [A-Za-z0-9_-]{1,32}}.
 *   <li>Every stream is bidirectional and carries {@code \n}-terminated UTF-8 lines.
 *   <li>Send: {@code MSG <text>} (text at most {@value #MAX_TEXT_BYTES} bytes) answered by {@code
 *       OK <room-seq>} or {@code ERR <reason>}. The stream stays open for the next message.
 *   <li>Subscribe: {@code SUB} answered by {@code OK <last-room-seq>}, then the server pushes {@code
 *       MSG <room-seq> <from> <text>} for every later message of the room until the session ends.
 * </ul>
 */
public final class ChatProtocol {
  private ChatProtocol() {}

  /** Largest message text, in UTF-8 bytes. */
  public static final int MAX_TEXT_BYTES = 4096;

  static final String SEND = "MSG ";
  static final String SUBSCRIBE = "SUB";
  static final String OK = "OK ";
  static final String ERR = "ERR ";

  /** Longest client line the server accepts, without its newline: {@code "MSG " + text}. */
  static final int MAX_CLIENT_LINE_BYTES = SEND.length() + MAX_TEXT_BYTES;

  /** Longest server line a client accepts: {@code "MSG <seq> <name> " + text}. */
  static final int MAX_SERVER_LINE_BYTES = SEND.length() + 20 + 1 + 32 + 1 + MAX_TEXT_BYTES;

  /** Error reasons the server sends after {@code ERR }. */
  static final String TOO_LONG = "too-long";
  static final String INVALID_UTF8 = "invalid-utf8";
  static final String UNKNOWN_COMMAND = "unknown-command";

  /** Path prefix of chat sessions. */
  public static final String PATH_PREFIX = "/chat/";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  /** Whether {@code s} is a valid room or user name. */
  public static boolean isValidName(String s) {
    return s != null && NAME.matcher(s).matches();
  }

  /**
   * Checks a room or user name.
   *
   * @throws IllegalArgumentException naming {@code what} and the value if it is not valid
   */
  public static String requireValidName(String what, String value) {
    if (!isValidName(value)) {
      throw new IllegalArgumentException(what + " must match [A-Za-z0-9_-]{1,32}, was '" + value + "'");
    }
    return value;
  }

  /** {@code /chat/<room>?name=<name>}. */
  public static String sessionPath(String room, String name) {
    return PATH_PREFIX + requireValidName("room", room) + "?name=" + requireValidName("name", name);
  }

  /** Who joined which room, as read from a session's path and query. */
  public record Member(String room, String name) {}

  /**
   * Parses {@code /chat/<room>?name=<name>}.
   *
   * @return the member, or {@code null} if the path is not a valid chat path
   */
  public static Member parseSessionPath(String pathAndQuery) {
    URI uri;
    try {
      uri = URI.create(pathAndQuery);
    } catch (IllegalArgumentException e) {
      return null;
    }
    String path = uri.getPath();
    if (path == null || !path.startsWith(PATH_PREFIX)) {
      return null;
    }
    String room = path.substring(PATH_PREFIX.length());
    String name = null;
    String query = uri.getQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("name=")) {
          name = pair.substring("name=".length());
        }
      }
    }
    return isValidName(room) && isValidName(name) ? new Member(room, name) : null;
  }

  /** {@code MSG <text>\n} as bytes; the text's own bytes are taken as they are (tests send bad ones). */
  static byte[] sendLine(byte[] text) {
    for (byte b : text) {
      if (b == '\n') {
        throw new IllegalArgumentException("message text must not contain a newline");
      }
    }
    byte[] line = new byte[SEND.length() + text.length + 1];
    System.arraycopy(SEND.getBytes(StandardCharsets.US_ASCII), 0, line, 0, SEND.length());
    System.arraycopy(text, 0, line, SEND.length(), text.length);
    line[line.length - 1] = '\n';
    return line;
  }

  static byte[] line(String text) {
    return (text + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
