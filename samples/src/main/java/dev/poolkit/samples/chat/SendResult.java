package dev.poolkit.samples.chat;

/** The server's answer to one sent message. */
public sealed interface SendResult {

  /** {@code OK <seq>}: the message is the room's message number {@code seq}. */
  record Accepted(long seq) implements SendResult {}

  /** {@code ERR <reason>}: the message was refused (e.g. {@code too-long}, {@code invalid-utf8}). */
  record Refused(String reason) implements SendResult {}

  /**
   * Parses an answer line (without its newline).
   *
   * @throws IllegalArgumentException if the line is neither {@code OK <seq>} nor {@code ERR <reason>}
   */
  static SendResult parse(String line) {
    if (line.startsWith(ChatProtocol.ERR)) {
      return new Refused(line.substring(ChatProtocol.ERR.length()));
    }
    if (line.startsWith(ChatProtocol.OK)) {
      try {
        return new Accepted(Long.parseLong(line.substring(ChatProtocol.OK.length())));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad sequence number in answer '" + line + "'", e);
      }
    }
    throw new IllegalArgumentException("expected 'OK <seq>' or 'ERR <reason>', got '" + line + "'");
  }
}
