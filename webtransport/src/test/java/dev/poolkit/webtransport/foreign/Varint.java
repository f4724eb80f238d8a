package dev.poolkit.webtransport.foreign;

import io.netty.buffer.ByteBuf;

/** QUIC variable-length integers (RFC 9000 §16), read without consuming. */
final class Varint {
  /** Returned by {@link #peek} when the buffer ends inside the integer. */
  static final long INCOMPLETE = -1;

  private Varint() {}

  /** Encoded length, from the integer's first byte: 1, 2, 4 or 8. */
  static int length(byte first) {
    return 1 << ((first & 0xff) >> 6);
  }

  /** The integer starting at {@code index}, or {@link #INCOMPLETE}. */
  static long peek(ByteBuf buffer, int index) {
    if (index >= buffer.writerIndex()) {
      return INCOMPLETE;
    }
    int length = length(buffer.getByte(index));
    if (index + length > buffer.writerIndex()) {
      return INCOMPLETE;
    }
    long value = buffer.getByte(index) & 0x3f;
    for (int i = 1; i < length; i++) {
      value = (value << 8) | (buffer.getByte(index + i) & 0xff);
    }
    return value;
  }
}
