package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts every call and keeps every object it made. Overrides only {@code create} and {@code
 * destroy}, so a pool sees a plain allocator (no health check, no reset): the fast release path.
 */
class TestAllocator implements Allocator<Res> {
  /** Runs at the start of {@code create}: may block or throw. */
  interface CreateStep {
    void run() throws Exception;
  }

  final AtomicInteger createCalls = new AtomicInteger();
  final AtomicInteger created = new AtomicInteger();
  final AtomicInteger destroyed = new AtomicInteger();
  /** Every call of any allocator method, for "nothing happens after close". */
  final AtomicInteger calls = new AtomicInteger();
  final ConcurrentLinkedQueue<Res> objects = new ConcurrentLinkedQueue<>();
  volatile CreateStep beforeCreate = () -> {};
  /**
   * Runs at the start of the {@code n}-th create only, chosen by that call's own count: a hook that
   * read {@link #createCalls} itself could see a later call's increment and pick the wrong call.
   */
  private volatile NthCall nthCreate = new NthCall(0, () -> {});
  /** Runs at the start of {@code destroy}: may block. */
  volatile CreateStep beforeDestroy = () -> {};
  volatile boolean createReturnsNull;
  volatile boolean destroyThrows;

  @Override
  public Res create() throws Exception {
    // Hooks are read before the counts go up: a test that sees the count and then swaps a hook
    // must not change what this call does.
    CreateStep step = beforeCreate;
    NthCall nth = nthCreate;
    calls.incrementAndGet();
    int call = createCalls.incrementAndGet();
    if (call == nth.call()) {
      nth.step().run();
    }
    step.run();
    if (createReturnsNull) {
      return null;
    }
    Res r = new Res(created.incrementAndGet());
    objects.add(r);
    return r;
  }

  @Override
  public void destroy(Res r) throws Exception {
    CreateStep step = beforeDestroy; // read before the count goes up, as in create
    calls.incrementAndGet();
    step.run();
    r.destroyCount.incrementAndGet();
    destroyed.incrementAndGet();
    if (destroyThrows) {
      throw new IllegalStateException("destroy failed on purpose");
    }
  }

  /** Runs {@code step} at the start of the {@code call}-th create (1-based), and of no other. */
  void beforeCreateCall(int call, CreateStep step) {
    nthCreate = new NthCall(call, step);
  }

  private record NthCall(int call, CreateStep step) {}

  /** Objects created and not yet destroyed. */
  int alive() {
    return created.get() - destroyed.get();
  }

  List<Res> all() {
    return List.copyOf(objects);
  }

  /** Allocator contract: destroy exactly once per created object (PY-12, PO-B5). */
  void assertEveryObjectDestroyedOnce() {
    for (Res r : objects) {
      assertEquals(1, r.destroyCount.get(), r + " destroy count");
    }
    assertEquals(created.get(), destroyed.get(), "created vs destroyed");
  }
}
