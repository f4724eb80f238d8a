package dev.poolkit.webtransport.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The datagrams a session received and nobody read yet: a bounded queue. Datagrams are unreliable
 * (RFC 9221), so a full inbox drops the newest one and counts it instead of making Kwik's receiver
 * thread wait. A {@link ReentrantLock}, not {@code synchronized}: receivers may be virtual threads.
 */
final class DatagramInbox {
  /** Datagrams kept unread per session; beyond it arrivals are dropped. */
  static final int CAPACITY = 256;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private boolean closed;

  /** Called on Kwik's receiver thread: never blocks beyond the short lock. */
  void offer(byte[] payload) {
    lock.lock();
    try {
      if (closed || queue.size() >= CAPACITY) {
        dropped.incrementAndGet();
        return;
      }
      queue.addLast(payload);
      received.incrementAndGet();
      arrived.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The oldest unread datagram, waiting at most {@code timeout} for one.
   *
   * @return the payload, or null if none arrived in time or the inbox is closed and empty
   */
  byte @Nullable [] poll(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lockInterruptibly();
    try {
      while (queue.isEmpty()) {
        if (closed || nanos <= 0) {
          return null;
        }
        nanos = arrived.awaitNanos(nanos);
      }
      return queue.pollFirst();
    } finally {
      lock.unlock();
    }
  }

  boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** No more arrivals; waiting receivers return what is left, then null. Idempotent. */
  void close() {
    lock.lock();
    try {
      closed = true;
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  int unread() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  long received() { return received.get(); }

  long dropped() { return dropped.get(); }
}
