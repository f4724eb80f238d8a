package dev.poolkit;

import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The soak test's allocator: fails a share of creations and health checks (seeded), resets
 * objects, and tracks how many objects are alive at once and how often each was destroyed.
 */
final class SoakAllocator implements Allocator<Res> {
  private final Random random;
  private final AtomicInteger ids = new AtomicInteger();
  final AtomicInteger alive = new AtomicInteger();
  final AtomicInteger maxAlive = new AtomicInteger();
  final AtomicInteger createFailures = new AtomicInteger();
  final AtomicInteger deadChecks = new AtomicInteger();
  /** Calls the pool must never make; counted, not thrown, so the pool cannot swallow them. */
  final java.util.Queue<String> violations = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Res> objects = new ConcurrentLinkedQueue<>();
  volatile boolean failing = true;

  SoakAllocator(long seed) {
    this.random = new Random(seed);
  }

  @Override
  public Res create() throws Exception {
    LockSupport.parkNanos(random.nextInt(100_000)); // a connect takes a while
    if (failing && random.nextInt(10) == 0) {
      createFailures.incrementAndGet();
      throw new java.io.IOException("soak: create refused");
    }
    Res r = new Res(ids.incrementAndGet());
    objects.add(r);
    maxAlive.accumulateAndGet(alive.incrementAndGet(), Math::max);
    return r;
  }

  @Override
  public boolean isAlive(Res r) {
    if (r.destroyed()) {
      violations.add(r + " checked after destroy");
    }
    if (failing && random.nextInt(10) == 0) {
      deadChecks.incrementAndGet();
      return false;
    }
    return true;
  }

  @Override
  public void reset(Res r) {
    if (r.held.get() || r.destroyed()) {
      violations.add(r + " reset while held or after destroy");
    }
  }

  @Override
  public void destroy(Res r) {
    if (r.destroyCount.incrementAndGet() == 1) {
      alive.decrementAndGet();
    }
  }
}
