/**
 * Poolkit core: a bounded object pool built for virtual threads.
 *
 * <p>Only {@code dev.poolkit} is exported; the machinery in {@code dev.poolkit.internal} is not part
 * of the API.
 */
module dev.poolkit {
  requires static transitive org.jspecify;

  exports dev.poolkit;
}
