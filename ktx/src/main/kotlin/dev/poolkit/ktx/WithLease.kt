package dev.poolkit.ktx

import dev.poolkit.KeyedPool
import dev.poolkit.Pool
import kotlin.contracts.ExperimentalContracts
import kotlin.contracts.InvocationKind
import kotlin.contracts.contract
import kotlin.time.Duration

/**
 * Leases an object, runs [block] with it, and gives it back: the suspending form of the Java
 * `Pool.withLease`, shaped like `Mutex.withLock`.
 *
 * The object is released in a `finally`: when [block] returns, when it throws, and when the
 * coroutine is cancelled inside it (by `job.cancel()`, a `withTimeout` around this call, or the
 * cancellation of a parent scope). If the coroutine is cancelled while it waits, [block] does not run,
 * no object is taken and the waiter leaves the pool's queue at once; an object handed over at the
 * same moment goes back to the pool. [block] may suspend; the object must not be used after it
 * returns.
 *
 * Waiting, [timeout] and the exceptions are those of [acquireSuspending].
 *
 * It is not called `withLease` because the Java member `Pool.withLease(LeaseBody)` would win: Kotlin
 * picks an applicable member over an extension, and a lambda converts to `LeaseBody`, so
 * `pool.withLease { }` always means the blocking Java method. Nor is there a `pool.use { }` alias:
 * `Pool` is `AutoCloseable`, so wherever the alias is not imported, `pool.use { }` still compiles,
 * as the standard library's `use`, and closes the pool.
 */
@OptIn(ExperimentalContracts::class)
public suspend inline fun <T : Any, R> Pool<T>.withLeaseSuspending(
    timeout: Duration? = null,
    block: (T) -> R,
): R {
    contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
    val lease = acquireSuspending(timeout)
    try {
        return block(lease.get())
    } finally {
        lease.close()
    }
}

/**
 * Leases an object for [key], runs [block] with it, and gives it back; see [Pool.withLeaseSuspending]
 * for the release and cancellation guarantees, which are the same.
 */
@OptIn(ExperimentalContracts::class)
public suspend inline fun <K : Any, T : Any, R> KeyedPool<K, T>.withLeaseSuspending(
    key: K,
    timeout: Duration? = null,
    block: (T) -> R,
): R {
    contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
    val lease = acquireSuspending(key, timeout)
    try {
        return block(lease.get())
    } finally {
        lease.close()
    }
}
