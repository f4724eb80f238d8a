package dev.poolkit.webtransport.internal;

/**
 * QUIC variable-length integers (RFC 9000 section 16): the two high bits of the first byte give
 * the length (1, 2, 4 or 8 bytes). HTTP/3 datagrams start with one (the Quarter Stream ID).
 */
final class QuicVarint {
  static final long MAX = (1L << 62) - 1;

  private QuicVarint() {}

  /** Bytes needed to encode {@code value}. */
  static int length(long value) {
    if (value < 0 || value > MAX) {
      throw new IllegalArgumentException("varint value must be 0..2^62-1, was " + value);
    }
    if (value < (1 << 6)) {
      return 1;
    }
    if (value < (1 << 14)) {
      return 2;
    }
    return value < (1L << 30) ? 4 : 8;
  }

  /** Writes {@code value} at {@code offset}; returns the offset after it. */
  static int write(long value, byte[] target, int offset) {
    int length = length(value);
    int prefix = Integer.numberOfTrailingZeros(length); // 1 -> 0, 2 -> 1, 4 -> 2, 8 -> 3
    for (int i = length - 1; i >= 0; i--) {
      target[offset + i] = (byte) value;
      value >>>= 8;
    }
    target[offset] = (byte) ((target[offset] & 0x3f) | (prefix << 6));
    return offset + length;
  }

  /** The length of the varint starting at {@code source[offset]}, or -1 if it is cut short. */
  static int lengthAt(byte[] source, int offset) {
    if (offset >= source.length) {
      return -1;
    }
    int length = 1 << ((source[offset] & 0xff) >>> 6);
    return offset + length <= source.length ? length : -1;
  }

  /** Reads the varint at {@code offset}; the caller checked {@link #lengthAt}. */
  static long read(byte[] source, int offset) {
    int length = lengthAt(source, offset);
    long value = source[offset] & 0x3f;
    for (int i = 1; i < length; i++) {
      value = (value << 8) | (source[offset + i] & 0xff);
    }
    return value;
  }
}
