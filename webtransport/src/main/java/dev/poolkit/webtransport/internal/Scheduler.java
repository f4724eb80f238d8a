package dev.poolkit.webtransport.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** One daemon timer thread for every deadline of the module (read timeouts). Tasks must not block. */
final class Scheduler {
  private static final ScheduledThreadPoolExecutor TIMER = create();

  private Scheduler() {}

  static ScheduledFuture<?> schedule(Runnable task, long nanos) {
    return TIMER.schedule(task, nanos, TimeUnit.NANOSECONDS);
  }

  private static ScheduledThreadPoolExecutor create() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "poolkit-webtransport-timer");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

}
