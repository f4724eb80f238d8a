package dev.poolkit.samples.chat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into {@code \n}-terminated UTF-8 lines of bounded length.
 *
 * <p>Memory is bounded: a line longer than the limit is recognised after reading {@code limit + 1}
 * bytes of it, the rest of it is read and thrown away up to its newline, and {@link Line.TooLong}
 * is returned; the next call reads the next line. Invalid UTF-8 gives {@link Line.InvalidUtf8}.
 * Never reads past the newline that ends the returned line unless those bytes were already
 * delivered by the source in the same read; such bytes stay in this reader for the next call.
 *
 * <p>One reader per stream, used by one thread at a time.
 */
final class LineReader {

  /** Where bytes come from: an {@code InputStream::read} or a read with a deadline. */
  @FunctionalInterface
  interface ByteSource {
    /** Like {@link java.io.InputStream#read(byte[], int, int)}: at least one byte, or -1 at the end. */
    int read(byte[] buffer, int offset, int length) throws IOException;
  }

  /** What {@link #next()} found. */
  sealed interface Line {
    /** A complete line, without its newline. */
    record Text(String text) implements Line {}

    /** A line longer than the limit; it was skipped. */
    record TooLong() implements Line {}

    /** A line that is not valid UTF-8; it was skipped. */
    record InvalidUtf8() implements Line {}

    /** The source ended (a partial last line is dropped). */
    record End() implements Line {}
  }

  private final ByteSource source;
  private final int limit;
  private final byte[] buffer;
  private int start;
  private int end;

  /** @param limit longest accepted line in bytes, without the newline */
  LineReader(ByteSource source, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    this.source = source;
    this.limit = limit;
    this.buffer = new byte[limit + 1];
  }

  /** Reads the next line; blocks as the source blocks. */
  Line next() throws IOException {
    int scanned = 0;
    while (true) {
      for (int i = start + scanned; i < end; i++) {
        if (buffer[i] == '\n') {
          int length = i - start;
          int from = start;
          start = i + 1;
          return decode(from, length);
        }
      }
      scanned = end - start;
      if (scanned > limit) {
        start = end = 0;
        return skipRestOfLine() ? new Line.TooLong() : new Line.End();
      }
      if (!fill()) {
        return new Line.End();
      }
    }
  }

  /** Moves buffered bytes to the front and reads more; false at the end of the source. */
  private boolean fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    int n = source.read(buffer, end, buffer.length - end);
    if (n < 0) {
      return false;
    }
    end += n;
    return true;
  }

  /** Reads and drops bytes up to and including the next newline; false if the source ended first. */
  private boolean skipRestOfLine() throws IOException {
    while (true) {
      int n = source.read(buffer, 0, buffer.length);
      if (n < 0) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (buffer[i] == '\n') {
          start = i + 1;
          end = n;
          return true;
        }
      }
    }
  }

  private Line decode(int from, int length) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(buffer, from, length))
          .toString();
      return new Line.Text(text);
    } catch (CharacterCodingException e) {
      return new Line.InvalidUtf8();
    }
  }
}
