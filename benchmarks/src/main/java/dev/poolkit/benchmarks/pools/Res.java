package dev.poolkit.benchmarks.pools;

import java.util.concurrent.atomic.AtomicInteger;

/** The pooled object of every benchmark: made once, up front, and never expensive. */
public final class Res {
  private static final AtomicInteger IDS = new AtomicInteger();

  public final int id = IDS.incrementAndGet();

  @Override
  public String toString() {
    return "Res#" + id;
  }
}
