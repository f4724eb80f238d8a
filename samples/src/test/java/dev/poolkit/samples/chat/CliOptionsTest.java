package dev.poolkit.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CliOptionsTest {

  @Test
  void parsesAllOptions() {
    CliOptions o = CliOptions.parse("--name", "alice", "--room", "lobby", "--server", "https://127.0.0.1:4433",
        "--trust", "ab".repeat(32));
    assertEquals(new CliOptions(URI.create("https://127.0.0.1:4433"), "lobby", "alice", "ab".repeat(32)), o);
  }

  @Test
  void trustIsOptional() {
    assertNull(CliOptions.parse("--server", "https://localhost:1", "--room", "r", "--name", "n").trustSha256());
  }

  @Test
  void badCommandLinesNameTheProblem() {
    assertMessage("missing --room", "--server", "https://h:1", "--name", "n");
    assertMessage("unknown option '--nick'", "--nick", "x");
    assertMessage("option --name needs a value", "--server", "https://h:1", "--room", "r", "--name");
    assertMessage("--server must be https://host:port, was 'http://h:1'", "--server", "http://h:1", "--room", "r", "--name", "n");
    assertMessage("--server must be https://host:port, was 'https://h'", "--server", "https://h", "--room", "r", "--name", "n");
    assertMessage("--name must match", "--server", "https://h:1", "--room", "r", "--name", "a b");
  }

  private static void assertMessage(String expected, String... args) {
    var e = assertThrows(IllegalArgumentException.class, () -> CliOptions.parse(args));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
