package dev.poolkit.samples.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ChatProtocolTest {

  @Test
  void sessionPathRoundTrips() {
    String path = ChatProtocol.sessionPath("room_1", "Alice-2");
    assertEquals("/chat/room_1?name=Alice-2", path);
    assertEquals(new ChatProtocol.Member("room_1", "Alice-2"), ChatProtocol.parseSessionPath(path));
  }

  @Test
  void badSessionPathsAreNotMembers() {
    assertNull(ChatProtocol.parseSessionPath("/chat/lobby"), "no name");
    assertNull(ChatProtocol.parseSessionPath("/chat/?name=a"), "no room");
    assertNull(ChatProtocol.parseSessionPath("/chat/a/b?name=a"), "nested room");
    assertNull(ChatProtocol.parseSessionPath("/other/lobby?name=a"), "other path");
    assertNull(ChatProtocol.parseSessionPath("/chat/" + "r".repeat(33) + "?name=a"), "room too long");
    assertNull(ChatProtocol.parseSessionPath("/chat/lobby?name=a%20b"), "space in name");
  }

  @Test
  void invalidNamesAreRefusedWithTheValue() {
    var e = assertThrows(IllegalArgumentException.class, () -> ChatProtocol.sessionPath("lobby", "bad name"));
    assertTrue(e.getMessage().contains("name") && e.getMessage().contains("'bad name'"), e.getMessage());
  }

  @Test
  void messageLinesRoundTripWithSpacesInTheText() {
    ChatMessage m = new ChatMessage(42, "bob", "hello  there, wörld ");
    assertEquals("MSG 42 bob hello  there, wörld ", m.toLine());
    assertEquals(m, ChatMessage.parse(m.toLine()));
    assertEquals(new ChatMessage(1, "a", ""), ChatMessage.parse("MSG 1 a "));
  }

  @Test
  void malformedMessageLinesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ChatMessage.parse("OK 1"));
    assertThrows(IllegalArgumentException.class, () -> ChatMessage.parse("MSG 1 bob"));
    assertThrows(IllegalArgumentException.class, () -> ChatMessage.parse("MSG x bob hi"));
  }

  @Test
  void answersParse() {
    assertEquals(new SendResult.Accepted(7), SendResult.parse("OK 7"));
    assertEquals(new SendResult.Refused("too-long"), SendResult.parse("ERR too-long"));
    assertThrows(IllegalArgumentException.class, () -> SendResult.parse("HUH"));
    assertThrows(IllegalArgumentException.class, () -> SendResult.parse("OK seven"));
  }

  @Test
  void sendLineFramesRawBytesAndRefusesNewlines() {
    byte[] text = {(byte) 0xC3, 0x28};
    assertArrayEquals(new byte[] {'M', 'S', 'G', ' ', (byte) 0xC3, 0x28, '\n'}, ChatProtocol.sendLine(text));
    var e = assertThrows(IllegalArgumentException.class,
        () -> ChatProtocol.sendLine("a\nb".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("newline"), e.getMessage());
  }
}
