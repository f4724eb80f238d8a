package dev.poolkit.benchmarks.pools;

import com.zaxxer.hikari.util.ConcurrentBag;
import com.zaxxer.hikari.util.ConcurrentBag.IConcurrentBagEntry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * HikariCP 6.2.1's {@code ConcurrentBag} used directly, without the connection pool around it:
 * the bag holds every object from the start, so its "add an item" callback never has work to do.
 * The entry's state is a field updater, as HikariCP's own {@code PoolEntry} does it.
 */
final class HikariBagPool implements BenchPool<HikariBagPool.Entry> {
  private final ConcurrentBag<Entry> bag;

  HikariBagPool(int size) {
    this.bag = new ConcurrentBag<>(waiting -> {});
    for (int i = 0; i < size; i++) {
      bag.add(new Entry(new Res()));
    }
  }

  @Override
  public Entry acquire() throws InterruptedException, TimeoutException {
    Entry entry = bag.borrow(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (entry == null) {
      throw new TimeoutException("hikari bag: no entry within " + TIMEOUT_SECONDS + " s");
    }
    return entry;
  }

  @Override
  public Res object(Entry entry) {
    return entry.res;
  }

  @Override
  public void release(Entry entry) {
    bag.requite(entry);
  }

  @Override
  public void close() {
    bag.close();
  }

  static final class Entry implements IConcurrentBagEntry {
    private static final AtomicIntegerFieldUpdater<Entry> STATE =
        AtomicIntegerFieldUpdater.newUpdater(Entry.class, "state");

    final Res res;
    private volatile int state;

    Entry(Res res) {
      this.res = res;
    }

    @Override
    public boolean compareAndSet(int expect, int update) {
      return STATE.compareAndSet(this, expect, update);
    }

    @Override
    public void setState(int update) {
      STATE.set(this, update);
    }

    @Override
    public int getState() {
      return state;
    }
  }
}
