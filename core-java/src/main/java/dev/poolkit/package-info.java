/**
 * Poolkit: bounded object pools for Java 21 virtual threads.
 *
 * <p>Start with {@link dev.poolkit.Pool#builder(dev.poolkit.Allocator)}; see {@link dev.poolkit.Pool}
 * for the waiting, close and memory-effect rules every acquire method follows, and {@link
 * dev.poolkit.KeyedPool} for one pool per endpoint.
 */
@NullMarked
package dev.poolkit;

import org.jspecify.annotations.NullMarked;
