package dev.poolkit.samples.chat;

/**
 * One message of a room as subscribers see it: {@code MSG <seq> <from> <text>} on the wire.
 *
 * @param seq the room's sequence number, 1, 2, 3, ... in the order the server accepted messages
 * @param from the sender's name
 * @param text the message, UTF-8, at most {@value ChatProtocol#MAX_TEXT_BYTES} bytes, no newline
 */
public record ChatMessage(long seq, String from, String text) {

  /** The push line, without its newline. */
  String toLine() {
    return ChatProtocol.SEND + seq + " " + from + " " + text;
  }

  /**
   * Parses a push line (without its newline).
   *
   * @throws IllegalArgumentException if the line is not {@code MSG <seq> <from> <text>}
   */
  static ChatMessage parse(String line) {
    if (!line.startsWith(ChatProtocol.SEND)) {
      throw new IllegalArgumentException("not a message line: '" + line + "'");
    }
    int afterSeq = line.indexOf(' ', ChatProtocol.SEND.length());
    int afterFrom = afterSeq < 0 ? -1 : line.indexOf(' ', afterSeq + 1);
    if (afterFrom < 0) {
      throw new IllegalArgumentException("message line needs 'MSG <seq> <from> <text>': '" + line + "'");
    }
    try {
      long seq = Long.parseLong(line.substring(ChatProtocol.SEND.length(), afterSeq));
      return new ChatMessage(seq, line.substring(afterSeq + 1, afterFrom), line.substring(afterFrom + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad sequence number in '" + line + "'", e);
    }
  }
}
