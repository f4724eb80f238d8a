package dev.poolkit.samples.chat;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** One direction of an in-memory stream: writes append, reads block until bytes, FIN or reset. */
final class BytePipe {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private byte[] data = new byte[256];
  private int start;
  private int end;
  private boolean finished;
  private boolean reset;

  void write(byte[] bytes) throws IOException {
    lock.lock();
    try {
      if (reset || finished) {
        throw new IOException(reset ? "stream reset" : "write after FIN");
      }
      if (end + bytes.length > data.length) {
        data = Arrays.copyOfRange(data, start, Math.max(2 * data.length, end - start + bytes.length) + start);
        end -= start;
        start = 0;
      }
      System.arraycopy(bytes, 0, data, end, bytes.length);
      end += bytes.length;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  int read(byte[] b, int off, int len) throws IOException {
    lock.lock();
    try {
      while (start == end && !finished && !reset) {
        changed.awaitUninterruptibly();
      }
      if (reset) {
        throw new IOException("stream reset");
      }
      if (start == end) {
        return -1;
      }
      int n = Math.min(len, end - start);
      System.arraycopy(data, start, b, off, n);
      start += n;
      return n;
    } finally {
      lock.unlock();
    }
  }

  int available() {
    lock.lock();
    try {
      return end - start;
    } finally {
      lock.unlock();
    }
  }

  void finish() {
    lock.lock();
    try {
      finished = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void reset() {
    lock.lock();
    try {
      reset = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean isReset() {
    lock.lock();
    try {
      return reset;
    } finally {
      lock.unlock();
    }
  }
}
