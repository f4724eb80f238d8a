package dev.poolkit.ktx

import dev.poolkit.AcquireCallback
import dev.poolkit.KeyedPool
import dev.poolkit.Lease
import dev.poolkit.PendingAcquire
import dev.poolkit.Pool
import kotlin.coroutines.resumeWithException
import kotlin.time.Duration
import kotlin.time.toJavaDuration
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.suspendCancellableCoroutine

/**
 * Leases an object from this pool, suspending the coroutine (not a thread) while the pool is full.
 *
 * Waiting: the coroutine joins the pool's first-come-first-served queue as an entry that holds no
 * thread. The object is handed over by whichever thread frees it; that thread only resumes the
 * continuation, and the code after this call runs on the caller's dispatcher (on
 * [Dispatchers.Unconfined][kotlinx.coroutines.Dispatchers.Unconfined] it runs on the handing
 * thread, as unconfined code always does). An object that must first be created is created on the
 * pool's async executor, never on the caller's dispatcher.
 *
 * Cancellation is atomic:
 * - a coroutine cancelled while it waits takes no object, and gives up its place in the queue at
 *   once, on the thread that cancels it: when `job.cancel()` returns,
 *   [PoolStats.pending][dev.poolkit.PoolStats.pending] no longer counts it. (A cancellation that
 *   lands while the acquire is still entering the queue is acted on by the acquiring thread before
 *   it suspends; either way the waiter is gone before the coroutine completes.)
 * - an object handed over at the same moment as the cancellation goes back to the pool: this
 *   function then throws [CancellationException][kotlinx.coroutines.CancellationException] and
 *   never returns a lease to a cancelled coroutine (prompt cancellation), so nothing leaks.
 *
 * Timeout: [timeout] is a deadline from the call, enforced by the pool; when it passes, this throws
 * [PoolTimeoutException][dev.poolkit.PoolTimeoutException]. [Duration.ZERO] means "do not wait":
 * [PoolExhaustedException][dev.poolkit.PoolExhaustedException] at once if nothing is free.
 * [Duration.INFINITE] waits until served, cancelled or the pool closes. `null` means the pool's
 * own [acquireTimeout][Pool.acquireTimeout]. A `withTimeout` around the call works too, and throws
 * the usual `TimeoutCancellationException` instead.
 *
 * Close: throws [PoolClosedException][dev.poolkit.PoolClosedException] at once on a closed pool,
 * or when the pool is closed while the coroutine waits.
 *
 * Memory effects: those of `Pool.acquire`: what a borrower did before releasing an object
 * happens-before the code after this call returns that object.
 *
 * The caller owns the returned lease and must close it; prefer [withLeaseSuspending], which does.
 *
 * @throws dev.poolkit.PoolCreateException if an object had to be created and its creation failed
 * @throws IllegalArgumentException if [timeout] is negative
 */
public suspend fun <T : Any> Pool<T>.acquireSuspending(timeout: Duration? = null): Lease<T> {
    val deadline = javaTimeout(timeout, acquireTimeout())
    return suspendCancellableCoroutine { cont -> awaitLease(cont) { acquireAsync(deadline, it) } }
}

/**
 * Leases an object for [key] from this keyed pool, suspending the coroutine (not a thread) while
 * the key's pool or the global maximum is full. Waiting, cancellation, timeout and close behave as
 * in [Pool.acquireSuspending]: a cancelled waiter takes nothing and leaves the queue at once, and a
 * lease handed to a coroutine cancelled at the same moment goes back to the pool.
 */
public suspend fun <K : Any, T : Any> KeyedPool<K, T>.acquireSuspending(
    key: K,
    timeout: Duration? = null,
): Lease<T> {
    val deadline = javaTimeout(timeout, acquireTimeout())
    return suspendCancellableCoroutine { cont -> awaitLease(cont) { acquireAsync(key, deadline, it) } }
}

private fun javaTimeout(timeout: Duration?, poolDefault: java.time.Duration): java.time.Duration {
    if (timeout == null) return poolDefault
    require(!timeout.isNegative()) { "timeout must not be negative, was $timeout" }
    return timeout.toJavaDuration()
}

/**
 * Starts a callback acquire for [cont] and withdraws it when [cont] is cancelled.
 *
 * The callback may run before [start] returns (an object was idle): the continuation is then
 * resumed before the cancellation handler is installed, which kotlinx allows; a cancellation that
 * came first runs the handler as soon as it is installed.
 */
private inline fun <T : Any> awaitLease(
    cont: CancellableContinuation<Lease<T>>,
    start: (AcquireCallback<T>) -> PendingAcquire,
) {
    val pending = start(ResumeOnLease(cont))
    // true: withdrawn, no callback will come. false: the outcome is decided and the callback below
    // gets the lease; resuming a cancelled continuation runs its onCancellation, which closes it.
    cont.invokeOnCancellation { pending.cancel() }
}

/**
 * Bridges the core's callback to a continuation. Runs on the thread that decided the outcome (the
 * acquirer, a releasing thread, a pool thread): it only resumes, which never blocks.
 */
private class ResumeOnLease<T : Any>(
    private val cont: CancellableContinuation<Lease<T>>,
) : AcquireCallback<T> {

    override fun onLease(lease: Lease<T>) {
        // Called at once if the coroutine is already cancelled, or later if it is cancelled before
        // it gets to run (prompt cancellation): either way the lease goes back to the pool.
        cont.resume(lease) { _, unwanted, _ -> unwanted.close() }
    }

    override fun onFailure(error: Throwable) {
        cont.resumeWithException(error)
    }
}
