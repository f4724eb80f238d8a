package dev.poolkit.benchmarks.pools;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pool people write by hand: a (non-fair) {@link Semaphore} for capacity and a {@link
 * ConcurrentLinkedDeque} of idle objects, reused LIFO. A permit is released only after its object
 * is back in the deque, so a thread holding a permit always finds an object.
 */
final class SemaphoreDequePool implements BenchPool<Res> {
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<Res> idle = new ConcurrentLinkedDeque<>();

  SemaphoreDequePool(int size) {
    for (int i = 0; i < size; i++) {
      idle.add(new Res());
    }
    this.permits = new Semaphore(size);
  }

  @Override
  public Res acquire() throws InterruptedException, TimeoutException {
    if (!permits.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new TimeoutException("semaphore: no permit within " + TIMEOUT_SECONDS + " s");
    }
    return idle.pollFirst();
  }

  @Override
  public Res object(Res res) {
    return res;
  }

  @Override
  public void release(Res res) {
    idle.offerFirst(res);
    permits.release();
  }

  @Override
  public void close() {
    idle.clear();
  }
}
