/**
 * Poolkit Kotlin extensions: suspending acquire, {@code withLease} and a stats flow over the
 * {@code dev.poolkit} pools.
 *
 * <p>The Kotlin sources are compiled first (kotlinc reads this file to check what the module may
 * see), then javac compiles this descriptor alone against the Kotlin classes. Kotlin types
 * (suspend functions take a {@code Continuation}, durations are {@code kotlin.time.Duration}) and
 * coroutine types appear in the API, so both are required transitively.
 */
module dev.poolkit.ktx {
  requires transitive dev.poolkit;
  requires transitive kotlin.stdlib;
  requires transitive kotlinx.coroutines.core;

  exports dev.poolkit.ktx;
}
