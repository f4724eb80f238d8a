package dev.poolkit.internal;

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
  private int refillFailures;
  private long nextRefill;

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
          refill(now);
        } else {
          runOnce(now);
        }
      } catch (RuntimeException | Error e) {
        LOG.log(System.Logger.Level.WARNING, config.name() + ": housekeeping failed", e);
      }
      first = false;
      LockSupport.parkNanos(this, period);
    }
  }

  /** One pass. Package-private so tests can drive it deterministically. */
  void runOnce(long now) {
    evict(now);
    refill(now);
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

  private void refill(long now) {
    if (config.minIdle() == 0 || now - nextRefill < 0) {
      return;
    }
    while (!stopped && !pool.isClosed() && pool.allocated() < config.minIdle()) {
      try {
        if (!pool.createIdle()) {
          return;
        }
        refillFailures = 0;
      } catch (RuntimeException e) {
        refillFailures++;
        long backoff = Math.min(MAX_PERIOD, period << Math.min(refillFailures, 16));
        nextRefill = now + backoff;
        LOG.log(
            System.Logger.Level.DEBUG,
            config.name() + ": minIdle refill failed; next try in " + backoff / 1_000_000 + " ms",
            e);
        return;
      }
    }
  }
}
