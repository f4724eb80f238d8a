package dev.poolkit;

import java.time.Duration;
import java.util.ArrayDeque;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck's model checker exploring interleavings of tryAcquire, release, invalidate and close on
 * a pool of two objects with FIFO reuse and the checked release path ({@link PoolLincheckTest}
 * covers the unordered store and the fast release path on one slot, without close). A scan
 * over two slots may miss an object released during the scan, so tryAcquire's result is not
 * linearizable here (it may answer "none" spuriously; {@link PoolLincheckTest} checks results
 * exactly on one slot): operations return nothing, and every explored execution must end with the
 * invariants of {@link LincheckInvariants} (no lost or invented capacity, no shared object, every
 * object counted, idle objects of a closed pool destroyed).
 */
@Timeout(300)
class PoolInterleavingLincheckTest {

  @Test
  void fifoOrderWithTheCheckedReleasePathKeepsTheInvariants() {
    explore(FifoResetting.class);
  }

  private static void explore(Class<?> scenario) {
    new ModelCheckingOptions()
        .iterations(8)
        .invocationsPerIteration(30)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(2)
        .actorsAfter(1)
        .check(scenario);
  }

  /** The operations, on a pool without housekeeping: every thread must be one Lincheck controls. */
  @Param(name = "threadId", gen = ThreadIdGen.class)
  public abstract static class Scenario {
    private final TestAllocator alloc;
    private final Pool<Res> pool;

    @SuppressWarnings("unchecked")
    private final ArrayDeque<Lease<Res>>[] leases = new ArrayDeque[PoolLincheckTest.MAX_THREADS];

    /** Each thread's last given-back lease, for {@link #releaseAgain}. */
    private final Lease<?>[] released = new Lease<?>[PoolLincheckTest.MAX_THREADS];

    Scenario(ReuseOrder order, TestAllocator alloc) {
      this.alloc = alloc;
      this.pool = Pool.builder(alloc).maxSize(2).reuseOrder(order).idleTimeout(Duration.ZERO).build();
      for (int i = 0; i < leases.length; i++) {
        leases[i] = new ArrayDeque<>();
      }
    }

    @Operation
    public void tryAcquire(@Param(name = "threadId") int threadId) {
      try {
        Lease<Res> lease = pool.tryAcquire();
        if (lease != null) {
          leases[threadId].push(lease);
        }
      } catch (PoolClosedException e) {
        // expected once closed
      }
    }

    @Operation
    public void release(@Param(name = "threadId") int threadId) {
      Lease<Res> lease = leases[threadId].poll();
      if (lease != null) {
        lease.close();
        released[threadId] = lease;
      }
    }

    /** PY-B2: closing a dead lease again, maybe while its object is leased to another thread. */
    @Operation
    public void releaseAgain(@Param(name = "threadId") int threadId) {
      Lease<?> lease = released[threadId];
      if (lease != null) {
        lease.close();
      }
    }

    @Operation
    public void invalidate(@Param(name = "threadId") int threadId) {
      Lease<Res> lease = leases[threadId].poll();
      if (lease != null) {
        lease.invalidate();
        released[threadId] = lease;
      }
    }

    @Operation
    public void close() {
      pool.close();
    }

    @Validate
    public void atRest() {
      LincheckInvariants.check(pool, alloc, leases);
    }
  }

  /** FIFO order, resetting allocator: the ordered store and the checked release. */
  public static class FifoResetting extends Scenario {
    public FifoResetting() {
      super(ReuseOrder.FIFO, new ResettingAllocator());
    }
  }

  /**
   * Resets on release (the checked release path) but has no health check, which would start a
   * housekeeping thread outside Lincheck's control.
   */
  static final class ResettingAllocator extends TestAllocator {
    @Override
    public void reset(Res r) {
      r.resetCount.incrementAndGet();
    }
  }
}
