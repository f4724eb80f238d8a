package dev.poolkit;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/** The at-rest invariants both Lincheck tests validate after each scenario. */
final class LincheckInvariants {
  private LincheckInvariants() {}

  static void check(Pool<Res> pool, TestAllocator alloc, ArrayDeque<Lease<Res>>[] leases) {
    PoolStats s = pool.stats();
    int held = 0;
    Set<Res> objects = new HashSet<>();
    for (ArrayDeque<Lease<Res>> perThread : leases) {
      for (Lease<Res> lease : perThread) {
        held++;
        if (!lease.isActive() || !objects.add(lease.get())) {
          throw new IllegalStateException("dead or shared lease held: " + s);
        }
      }
    }
    boolean ok =
        s.inUse() == held
            && s.creating() == 0
            && s.pending() == 0
            && s.allocated() == s.inUse() + s.idle()
            && s.allocated() == s.created() - s.destroyed()
            && s.allocated() == alloc.alive()
            && (!s.closed() || s.idle() == 0)
            && s.allocated() <= s.capacity();
    if (!ok) {
      throw new IllegalStateException("invariant broken with " + held + " leases held: " + s);
    }
  }
}
