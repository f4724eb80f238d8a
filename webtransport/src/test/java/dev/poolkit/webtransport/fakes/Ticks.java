package dev.poolkit.webtransport.fakes;

import java.util.concurrent.atomic.AtomicLong;

/** A global logical clock: tells "died before this acquire started" apart from races after it. */
public final class Ticks {
  private static final AtomicLong CLOCK = new AtomicLong();

  private Ticks() {}

  public static long next() {
    return CLOCK.incrementAndGet();
  }
}
