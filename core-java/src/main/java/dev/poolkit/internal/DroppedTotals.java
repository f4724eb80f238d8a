package dev.poolkit.internal;

import dev.poolkit.PoolStats;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** Counters of a keyed pool's dropped key pools, and the sums that make its total stats. */
final class DroppedTotals {
  private final LongAdder acquired = new LongAdder();
  private final LongAdder reused = new LongAdder();
  private final LongAdder created = new LongAdder();
  private final LongAdder destroyed = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder exhausted = new LongAdder();
  private final LongAdder createFailures = new LongAdder();
  private final LongAdder destroyFailures = new LongAdder();
  private final LongAdder dead = new LongAdder();
  private final LongAdder expired = new LongAdder();
  private final LongAdder invalidated = new LongAdder();

  void add(PoolStats s) {
    acquired.add(s.acquired());
    reused.add(s.reused());
    created.add(s.created());
    destroyed.add(s.destroyed());
    timeouts.add(s.timeouts());
    exhausted.add(s.exhausted());
    createFailures.add(s.createFailures());
    destroyFailures.add(s.destroyFailures());
    dead.add(s.dead());
    expired.add(s.expired());
    invalidated.add(s.invalidated());
  }

  static PoolStats empty(String name, boolean closed) {
    return new PoolStats(name, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, closed);
  }

  PoolStats total(String name, List<PoolStats> live, int maxTotal, boolean closed) {
    long capacity = 0;
    int allocated = 0;
    int idle = 0;
    int inUse = 0;
    int creating = 0;
    int pending = 0;
    long acq = acquired.sum();
    long reu = reused.sum();
    long cre = created.sum();
    long des = destroyed.sum();
    long tim = timeouts.sum();
    long exh = exhausted.sum();
    long cf = createFailures.sum();
    long df = destroyFailures.sum();
    long dd = dead.sum();
    long exp = expired.sum();
    long inv = invalidated.sum();
    for (PoolStats s : live) {
      capacity += s.capacity();
      allocated += s.allocated();
      idle += s.idle();
      inUse += s.inUse();
      creating += s.creating();
      pending += s.pending();
      acq += s.acquired();
      reu += s.reused();
      cre += s.created();
      des += s.destroyed();
      tim += s.timeouts();
      exh += s.exhausted();
      cf += s.createFailures();
      df += s.destroyFailures();
      dd += s.dead();
      exp += s.expired();
      inv += s.invalidated();
    }
    int cap = (int) Math.min(capacity, maxTotal);
    return new PoolStats(
        name, cap, allocated, idle, inUse, creating, pending, closed ? 0 : Math.max(0, cap - inUse),
        acq, reu, cre, des, tim, exh, cf, df, dd, exp, inv, closed);
  }
}
