package dev.poolkit.internal;

import java.util.concurrent.locks.LockSupport;

/** A thread parked in {@code acquire}; the party deciding its outcome unparks it. */
final class BlockingWaiter<T> extends Waiter<T> {
  private final Thread thread;

  BlockingWaiter(Thread thread) {
    this.thread = thread;
  }

  @Override
  void onAssigned() {
    LockSupport.unpark(thread);
  }

  @Override
  void onFailed() {
    LockSupport.unpark(thread);
  }
}
