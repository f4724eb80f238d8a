package dev.poolkit;

/**
 * The body of {@link Pool#withLease(LeaseBody)}: uses the leased object and returns a result.
 *
 * @param <T> the pooled type
 * @param <R> the result type
 * @param <E> what the body may throw; inferred, so a body that throws nothing checked makes {@code
 *     withLease} throw nothing checked besides {@link InterruptedException}
 */
@FunctionalInterface
public interface LeaseBody<T, R, E extends Exception> {
  R apply(T object) throws E;
}
