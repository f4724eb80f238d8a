package dev.poolkit.internal;

import java.util.concurrent.atomic.LongAdder;

/** Slow-path event counters. The fast path counts nothing: leases are counted by slot generations. */
final class Counters {
  final LongAdder created = new LongAdder();
  final LongAdder createdForLease = new LongAdder();
  final LongAdder destroyed = new LongAdder();
  final LongAdder timeouts = new LongAdder();
  final LongAdder exhausted = new LongAdder();
  final LongAdder createFailures = new LongAdder();
  final LongAdder destroyFailures = new LongAdder();
  final LongAdder dead = new LongAdder();
  final LongAdder expired = new LongAdder();
  final LongAdder invalidated = new LongAdder();
}
