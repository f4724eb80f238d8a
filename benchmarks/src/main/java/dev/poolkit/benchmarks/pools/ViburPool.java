package dev.poolkit.benchmarks.pools;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.vibur.objectpool.ConcurrentPool;
import org.vibur.objectpool.PoolObjectFactory;
import org.vibur.objectpool.util.ConcurrentLinkedDequeCollection;

/** Vibur object pool 26.0: all objects made at construction, no checks, unfair (its fast mode). */
final class ViburPool implements BenchPool<Res> {
  private final ConcurrentPool<Res> pool;

  ViburPool(int size) {
    this.pool =
        new ConcurrentPool<>(
            new ConcurrentLinkedDequeCollection<>(),
            new PoolObjectFactory<>() {
              @Override
              public Res create() {
                return new Res();
              }

              @Override
              public boolean readyToTake(Res res) {
                return true;
              }

              @Override
              public boolean readyToRestore(Res res) {
                return true;
              }

              @Override
              public void destroy(Res res) {}
            },
            size,
            size,
            false);
  }

  @Override
  public Res acquire() throws TimeoutException {
    Res res = pool.tryTake(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (res == null) {
      throw new TimeoutException("vibur: no object within " + TIMEOUT_SECONDS + " s");
    }
    return res;
  }

  @Override
  public Res object(Res res) {
    return res;
  }

  @Override
  public void release(Res res) {
    pool.restore(res);
  }

  @Override
  public void close() {
    pool.close();
  }
}
