package dev.poolkit;

/**
 * Throws a checked exception from a method that declares none, as Kotlin code (which has no
 * checked exceptions) or a "sneaky throw" does: what a {@code catch (RuntimeException | Error)}
 * misses.
 */
final class Sneaky {
  private Sneaky() {}

  /** Throws {@code t} unchecked; declared to return so callers can write {@code throw Sneaky.raise(t)}. */
  static RuntimeException raise(Throwable t) {
    Sneaky.<RuntimeException>raise0(t);
    throw new AssertionError("unreachable");
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> void raise0(Throwable t) throws E {
    throw (E) t;
  }
}
