package dev.poolkit;

import java.util.concurrent.atomic.AtomicInteger;

/** A {@link TestAllocator} with a health check and a reset: the pool's checked release path. */
class CheckingAllocator extends TestAllocator {
  final AtomicInteger isAliveCalls = new AtomicInteger();
  /** Health checks made by the pool's housekeeping thread, and when the last one ran. */
  final AtomicInteger housekeeperChecks = new AtomicInteger();

  volatile long lastHousekeeperCheck;
  /** Runs at the start of {@code reset}: may block. */
  volatile CreateStep beforeReset = () -> {};

  @Override
  public boolean isAlive(Res r) {
    calls.incrementAndGet();
    isAliveCalls.incrementAndGet();
    if (Thread.currentThread().getName().endsWith("-housekeeper")) {
      housekeeperChecks.incrementAndGet();
      lastHousekeeperCheck = System.nanoTime();
    }
    if (r.aliveThrows) {
      throw new IllegalStateException("isAlive failed on purpose");
    }
    return r.alive;
  }

  @Override
  public void reset(Res r) throws Exception {
    CreateStep step = beforeReset; // read before the count goes up (see TestAllocator.create)
    calls.incrementAndGet();
    step.run();
    r.resetCount.incrementAndGet();
    r.setting = "default";
    if (r.resetThrows) {
      throw new IllegalStateException("reset failed on purpose");
    }
  }
}
