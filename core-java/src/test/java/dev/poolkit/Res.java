package dev.poolkit;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A pooled test object: numbered in creation order, and tracking what the pool did to it. */
final class Res {
  final int id;
  final AtomicInteger destroyCount = new AtomicInteger();
  final AtomicInteger resetCount = new AtomicInteger();
  /** Set by a borrower while it uses the object; a failed CAS means two holders at once. */
  final AtomicBoolean held = new AtomicBoolean();
  /** What {@link CheckingAllocator#isAlive} answers. */
  volatile boolean alive = true;
  /** Whether {@link CheckingAllocator#isAlive} throws. */
  volatile boolean aliveThrows;
  /** Whether {@link CheckingAllocator#reset} throws. */
  volatile boolean resetThrows;
  /** A borrower's change that reset must revert (PO-6). */
  volatile String setting = "default";

  Res(int id) {
    this.id = id;
  }

  boolean destroyed() {
    return destroyCount.get() > 0;
  }

  @Override
  public String toString() {
    return "Res#" + id;
  }
}
