package dev.poolkit;

import java.util.stream.Stream;

/**
 * One configuration the generic contract must hold for (STYLE 8): every reuse order, with a plain
 * allocator (fast release path) and with a checking one (health check and reset on release).
 */
record Variant(ReuseOrder order, boolean checking) {

  static Stream<Variant> all() {
    return Stream.of(ReuseOrder.values())
        .flatMap(o -> Stream.of(new Variant(o, false), new Variant(o, true)));
  }

  /** Only the checking variants, for behaviour that needs a health check or reset. */
  static Stream<Variant> withChecks() {
    return all().filter(Variant::checking);
  }

  TestAllocator allocator() {
    return checking ? new CheckingAllocator() : new TestAllocator();
  }

  CheckingAllocator checkingAllocator() {
    return (CheckingAllocator) allocator();
  }

  PoolBuilder<Res> builder(Allocator<Res> allocator) {
    return Pool.builder(allocator).name("test-" + order.name().toLowerCase()).reuseOrder(order);
  }

  @Override
  public String toString() {
    return order + (checking ? " checked" : " plain");
  }
}
