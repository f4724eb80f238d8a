package dev.poolkit.benchmarks.blocking;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario E: heap retained per virtual thread blocked in {@code acquire()}. The used heap after
 * full GCs with {@code n} virtual threads blocked, minus the used heap before they started, over
 * {@code n}; once for threads blocked in the pool's acquire (all objects held by the measuring
 * thread) and once for threads in a bare {@code LockSupport.park()} started from the same frame.
 * The difference is what waiting in the pool adds to a parked virtual thread: the pool's waiter
 * node, the deeper stack (a virtual thread's frames live on the heap), and the timer of the
 * acquire's deadline (every adapter acquires with a 30 s timeout; a bare {@code parkNanos(60 s)}
 * is measured too, to show what a timed park alone costs). No heap dump; a warm-up round of each
 * first, so class loading and JIT do not count.
 */
final class WaiterHeap {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  /** What each measured thread runs until the measuring thread lets it go. */
  private interface Blocker {
    void block() throws Exception;
  }

  private WaiterHeap() {}

  static Map<String, Double> measure(Scenario scenario, Workload work) throws Exception {
    int n = scenario.threads();
    Gate gate = new Gate();
    List<Object> held = new ArrayList<>();
    Blocked park = new Blocked(() -> gate.await(false), gate::close, gate::open);
    Blocked timedPark = new Blocked(() -> gate.await(true), gate::close, gate::open);
    Blocked acquire =
        new Blocked(
            () -> work.once(() -> true),
            () -> holdAll(work, scenario.poolSize(), held),
            threads -> releaseAll(work, held));

    bytesPer(Math.max(1, n / 10), park);
    bytesPer(Math.max(1, n / 10), acquire);
    double bare = bytesPer(n, park);
    double timed = bytesPer(n, timedPark);
    double waiter = bytesPer(n, acquire);

    Map<String, Double> m = new LinkedHashMap<>();
    m.put(Metric.THREADS, (double) n);
    m.put(Metric.BYTES_PER_WAITER, waiter);
    m.put(Metric.BYTES_PER_PARK, bare);
    m.put(Metric.BYTES_PER_TIMED_PARK, timed);
    m.put(Metric.BYTES_OVER_PARK, waiter - bare);
    return m;
  }

  /**
   * One way of being blocked: what each thread runs, what the measuring thread does before the
   * threads start (take every object, or close the gate) and how it lets them go.
   */
  private record Blocked(Blocker blocker, ThrowingRunnable before, Consumer<Thread[]> release) {}

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** Parks its threads until opened; closed again before each round. */
  private static final class Gate {
    private volatile boolean open;

    void await(boolean timed) {
      while (!open) {
        if (timed) {
          LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(60));
        } else {
          LockSupport.park();
        }
      }
    }

    void open(Thread[] threads) {
      open = true;
      for (Thread t : threads) {
        LockSupport.unpark(t);
      }
    }

    void close() {
      open = false;
    }
  }

  private static void holdAll(Workload work, int size, List<Object> held) throws Exception {
    for (int i = 0; i < size; i++) {
      held.add(work.pool().acquire());
    }
  }

  private static void releaseAll(Workload work, List<Object> held) {
    held.forEach(work.pool()::release);
    held.clear();
  }

  /**
   * Starts {@code n} virtual threads blocking as {@code how} says, waits until every one of them
   * is parked, measures, then lets them go and joins them.
   */
  private static double bytesPer(int n, Blocked how) throws Exception {
    Thread[] threads = new Thread[n];
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Blocker blocker = how.blocker();
    Runnable task =
        () -> {
          try {
            blocker.block();
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
        };
    how.before().run();
    long before = liveHeap();
    for (int i = 0; i < n; i++) {
      threads[i] = Thread.ofVirtual().start(task);
    }
    awaitAllParked(threads, failure);
    long after = liveHeap();
    how.release().accept(threads);
    for (Thread t : threads) {
      if (!t.join(Duration.ofSeconds(60))) {
        throw new IllegalStateException(t + " still blocked 60 s after its release");
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a measured thread failed", failure.get());
    }
    return (after - before) / (double) n;
  }

  private static void awaitAllParked(Thread[] threads, AtomicReference<Throwable> failure)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (Thread t : threads) {
      while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
        if (failure.get() != null) {
          throw new IllegalStateException("a measured thread failed", failure.get());
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(t + " not parked within 60 s: " + t.getState());
        }
        Thread.sleep(1);
      }
    }
  }

  private static long liveHeap() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
