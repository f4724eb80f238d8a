package dev.poolkit.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The pool's janitor, on its own virtual thread: destroys objects idle too long (above minIdle) or
 * past their lifetime, purges dead idle objects, and creates objects up to minIdle, backing off
 * after creation failures (PO-4, PO-8, L-4). It never holds a pool lock, and close stops it by
 * unparking it; nobody ever joins it (PO-B3).
 *
 * <p>Idle time is measured without a clock on the release path: each pass remembers the idle
 * state it saw per slot; a slot whose state (which carries a lease generation) is unchanged since
 * an earlier pass has been idle at least since then. So an object is evicted between one and one
 * and a quarter idle timeouts after its last release, and the eviction CAS expects that exact
 * state, so an object leased meanwhile is never evicted.
 *
 * <p>Refill creates run on virtual threads of their own, each into a slot the pass claimed for it
 * (so it counts as allocated and is never over-created): a create that hangs holds its slot, not
 * the pass, and eviction and health checks go on (L-4). After a failure, whatever the create threw
 * (an Error too), one create at a time probes, at a doubling interval, until one succeeds.
 */
final class Housekeeper<T> implements Runnable {
  private static final System.Logger LOG = System.getLogger("dev.poolkit");
  private static final long MIN_PERIOD = 10_000_000L; // 10 ms
  private static final long MAX_PERIOD = 30_000_000_000L; // 30 s

  private final SlotPool<T> pool;
  private final PoolConfig<T> config;
  private final boolean purgeDead;
  private final long period;
  private volatile boolean stopped;
  private volatile Thread thread;
  /** Refill creates in progress, on their own threads. */
  private final AtomicInteger refilling = new AtomicInteger();
  /** Consecutive failed refill creates; 0 after a success. */
  private final AtomicInteger refillFailures = new AtomicInteger();
  /** No refill before this {@link System#nanoTime()}; set by a failing create. */
  private volatile long nextRefill = System.nanoTime();

  Housekeeper(SlotPool<T> pool, PoolConfig<T> config, boolean purgeDead) {
    this.pool = pool;
    this.config = config;
    this.purgeDead = purgeDead;
    this.period = period(config);
  }

  static boolean isNeeded(PoolConfig<?> config, boolean hasIsAlive) {
    return config.idleTimeoutNanos() > 0
        || config.maxLifetimeNanos() > 0
        || config.minIdle() > 0
        || hasIsAlive;
  }

  static long period(PoolConfig<?> config) {
    if (config.housekeepingIntervalNanos() > 0) {
      return config.housekeepingIntervalNanos();
    }
    long p = MAX_PERIOD;
    if (config.idleTimeoutNanos() > 0) {
      p = Math.min(p, config.idleTimeoutNanos() / 4);
    }
    if (config.maxLifetimeNanos() > 0) {
      p = Math.min(p, config.maxLifetimeNanos() / 10);
    }
    return Math.max(MIN_PERIOD, p);
  }

  void start() {
    thread = Thread.ofVirtual().name("poolkit-" + config.name() + "-housekeeper").start(this);
  }

  void stop() {
    stopped = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  @Override
  public void run() {
    // Fill up to minIdle at once; the first eviction and health-check pass comes one period after
    // the build (Poco's janitor also first runs after a while), not racing the first acquires.
    boolean first = true;
    while (!stopped && !pool.isClosed()) {
      try {
        long now = System.nanoTime();
        if (first) {
          refill();
        } else {
          runOnce(now);
        }
      } catch (Throwable e) {
        LOG.log(System.Logger.Level.WARNING, config.name() + ": housekeeping failed", e);
      }
      first = false;
      // Nobody interrupts this thread on purpose (stop unparks it): a flag left by user code run
      // here (isAlive, destroy) would make every park return at once, a busy loop.
      Thread.interrupted();
      LockSupport.parkNanos(this, period);
    }
  }

  /** One pass. Package-private so tests can drive it deterministically. */
  void runOnce(long now) {
    evict(now);
    refill();
  }

  private void evict(long now) {
    long idleTimeout = config.idleTimeoutNanos();
    long lifetime = config.maxLifetimeNanos();
    int allocated = pool.allocated();
    for (Slot<T> s : pool.slots()) {
      if (stopped) {
        return;
      }
      long state = s.state;
      if (Slot.kind(state) != Slot.IDLE) {
        s.seenIdleState = -1;
        continue;
      }
      if (s.seenIdleState != state) {
        s.seenIdleState = state;
        s.seenIdleSince = now;
      }
      boolean tooOld = lifetime > 0 && now - s.expiresAt >= 0;
      boolean idleTooLong =
          idleTimeout > 0 && now - s.seenIdleSince >= idleTimeout && allocated > config.minIdle();
      if (tooOld || idleTooLong) {
        if (pool.claimIdleExact(s, state)) {
          s.seenIdleState = -1;
          allocated--;
          pool.evict(s, false);
        }
      } else if (purgeDead && pool.claimIdleExact(s, state)) {
        if (pool.isAliveForHousekeeping(s)) {
          pool.restoreIdle(s);
        } else {
          s.seenIdleState = -1;
          allocated--;
          pool.evict(s, true);
        }
      }
    }
  }

  private void refill() {
    if (config.minIdle() == 0) {
      return;
    }
    while (!stopped && !pool.isClosed() && pool.allocated() < config.minIdle()) {
      // Read on every round: a create started by this loop may fail (and back off) at once.
      if (System.nanoTime() - nextRefill < 0) {
        return;
      }
      boolean probing = refillFailures.get() > 0;
      if (probing && refilling.get() > 0) {
        return; // failing: one probe at a time
      }
      Slot<T> s = pool.claimForRefill();
      if (s == null) {
        return;
      }
      refilling.incrementAndGet();
      Thread.ofVirtual().name("poolkit-" + config.name() + "-refill").start(() -> refillInto(s));
      if (probing) {
        return;
      }
    }
  }

  private void refillInto(Slot<T> s) {
    try {
      pool.createIdleInto(s);
      refillFailures.set(0);
    } catch (Throwable e) { // an Error or an undeclared checked exception backs off as well
      int failures = refillFailures.incrementAndGet();
      long backoff = backoff(failures);
      nextRefill = System.nanoTime() + backoff;
      LOG.log(
          System.Logger.Level.DEBUG,
          config.name() + ": minIdle refill failed; next try in " + backoff / 1_000_000 + " ms",
          e);
    } finally {
      refilling.decrementAndGet();
    }
  }

  /** The pause after {@code failures} failed creates in a row: the period, doubled each time. */
  long backoff(int failures) {
    int shift = Math.min(failures, 16);
    return period > MAX_PERIOD >> shift ? Math.max(period, MAX_PERIOD) : period << shift;
  }
}
