package dev.poolkit.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon timer thread for every pool's asynchronous deadlines. A waiter served before its
 * deadline cancels its task, which is removed at once, so the queue holds only live deadlines.
 */
final class Timers {
  private Timers() {}

  private static final class Holder {
    static final ScheduledThreadPoolExecutor TIMER = newTimer();

    private static ScheduledThreadPoolExecutor newTimer() {
      ScheduledThreadPoolExecutor timer =
          new ScheduledThreadPoolExecutor(
              1, r -> Thread.ofPlatform().name("poolkit-timer").daemon(true).unstarted(r));
      timer.setRemoveOnCancelPolicy(true);
      return timer;
    }
  }

  static ScheduledFuture<?> schedule(Runnable task, long nanos) {
    return Holder.TIMER.schedule(task, nanos, TimeUnit.NANOSECONDS);
  }
}
