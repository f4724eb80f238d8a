package dev.poolkit.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolkit.samples.chat.LineReader.Line;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LineReaderTest {

  private static LineReader reader(byte[] bytes, int limit) {
    InputStream in = new ByteArrayInputStream(bytes);
    return new LineReader(in::read, limit);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void splitsLinesAndDecodesUtf8() throws IOException {
    LineReader r = reader(utf8("MSG hello\nMSG grüße 👋\n\nSUB\n"), 100);
    assertEquals(new Line.Text("MSG hello"), r.next());
    assertEquals(new Line.Text("MSG grüße 👋"), r.next());
    assertEquals(new Line.Text(""), r.next());
    assertEquals(new Line.Text("SUB"), r.next());
    assertEquals(new Line.End(), r.next());
  }

  @Test
  void joinsLinesDeliveredOneByteAtATime() throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(utf8("OK 1\nOK 22\n"));
    LineReader r = new LineReader((b, off, len) -> in.read(b, off, Math.min(len, 1)), 10);
    assertEquals(new Line.Text("OK 1"), r.next());
    assertEquals(new Line.Text("OK 22"), r.next());
    assertEquals(new Line.End(), r.next());
  }

  @Test
  void lineOfExactlyTheLimitIsAccepted() throws IOException {
    String text = "é".repeat(2048); // 4096 bytes
    LineReader r = reader(utf8(text + "\n"), 4096);
    assertEquals(new Line.Text(text), r.next());
  }

  @Test
  void longerLineIsSkippedAndTheNextOneIsRead() throws IOException {
    LineReader r = reader(utf8("a".repeat(4097) + "\nMSG after\n"), 4096);
    assertEquals(new Line.TooLong(), r.next());
    assertEquals(new Line.Text("MSG after"), r.next());
    assertEquals(new Line.End(), r.next());
  }

  @Test
  void overlongLineIsReadInBoundedChunksNeverBufferedWhole() throws IOException {
    int huge = 1 << 20;
    byte[] bytes = utf8("b".repeat(huge) + "\nOK 7\n");
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    AtomicInteger largestRequest = new AtomicInteger();
    LineReader r = new LineReader((b, off, len) -> {
      largestRequest.accumulateAndGet(len, Math::max);
      assertTrue(b.length <= 4097, "buffer grew to " + b.length);
      return in.read(b, off, len);
    }, 4096);
    assertEquals(new Line.TooLong(), r.next());
    assertEquals(new Line.Text("OK 7"), r.next());
    assertTrue(largestRequest.get() <= 4097, "asked for " + largestRequest.get() + " bytes at once");
  }

  @Test
  void invalidUtf8IsReportedAndTheNextLineIsRead() throws IOException {
    byte[] bytes = {'M', 'S', 'G', ' ', (byte) 0xC3, 0x28, '\n', 'S', 'U', 'B', '\n'};
    LineReader r = reader(bytes, 100);
    assertEquals(new Line.InvalidUtf8(), r.next());
    assertEquals(new Line.Text("SUB"), r.next());
  }

  @Test
  void truncatedLastLineIsDroppedAtTheEnd() throws IOException {
    LineReader r = reader(utf8("OK 1\nOK 2"), 100);
    assertEquals(new Line.Text("OK 1"), r.next());
    assertEquals(new Line.End(), r.next());
  }

  @Test
  void overlongLineCutByTheEndIsTheEnd() throws IOException {
    LineReader r = reader(utf8("c".repeat(200)), 100);
    assertEquals(new Line.End(), r.next());
  }

  @Test
  void limitMustBePositive() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new LineReader((b, o, l) -> -1, 0));
    assertTrue(e.getMessage().contains("limit"), e.getMessage());
  }
}
