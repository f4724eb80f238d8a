package dev.poolkit.internal;

import java.util.concurrent.locks.LockSupport;

/** A thread parked in {@code acquire}; the party deciding its outcome unparks it. */
final class BlockingWaiter<T> extends Waiter<T> {
  private final Thread thread;
  /** {@link System#nanoTime()} when the acquire started to wait. */
  final long since;
  /** How often it was woken to retry; guarded by the queue lock. */
  int wakeups;

  BlockingWaiter(Thread thread, long since) {
    this.thread = thread;
    this.since = since;
  }

  @Override
  void onAssigned() {
    LockSupport.unpark(thread);
  }

  @Override
  void onFailed() {
    LockSupport.unpark(thread);
  }

  /** Called after a successful {@link #tryWake}, outside every lock. */
  void onWoken() {
    LockSupport.unpark(thread);
  }
}
