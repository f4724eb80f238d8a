package dev.poolkit.ktx

import dev.poolkit.Lease
import dev.poolkit.Pool
import io.kotest.core.spec.style.FunSpec
import java.util.concurrent.ConcurrentLinkedDeque
import kotlin.time.Duration
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions
import org.jetbrains.lincheck.datastructures.Operation
import org.jetbrains.lincheck.datastructures.Param
import org.jetbrains.lincheck.datastructures.ThreadIdGen
import org.jetbrains.lincheck.datastructures.Validate

/**
 * Linearizability of the suspending acquire against release and tryAcquire, with Lincheck cancelling
 * suspended acquires.
 *
 * Two harnesses, because of how Lincheck 3.7 emulates prompt cancellation: when it cancels an
 * acquire that was already resumed with a lease, it cancels the Job and drops the resumed value,
 * and its continuation interceptor is not a kotlinx dispatcher, so the `onCancellation` that
 * returns the lease never runs (in the concurrent run and in its sequential model alike). Results
 * stay comparable, so [PromptCancellableAcquire] checks linearizability with prompt cancellation
 * but cannot check that no lease is lost. [CancellableAcquire] lets Lincheck cancel only before the
 * resumption, racing the hand-off of a concurrent release, and validates after every run that the
 * pool lends exactly the leases the threads hold. The lease return on prompt cancellation is proven
 * on a real dispatcher by [HandOffRaceSpec].
 */
class SuspendingAcquireLincheckSpec : FunSpec({

    test("the suspending acquire is linearizable with prompt cancellation (model checking)") {
        ModelCheckingOptions()
            .iterations(5)
            .invocationsPerIteration(200)
            .threads(2)
            .actorsPerThread(3)
            .actorsBefore(1)
            .actorsAfter(1)
            .check(PromptCancellableAcquire::class)
    }

    test("a cancelled acquire racing a release never loses the lease (model checking)") {
        ModelCheckingOptions()
            .iterations(20) // at this budget it catches a bridge that drops a late lease (checked by mutation)
            .invocationsPerIteration(500)
            .threads(2)
            .actorsPerThread(2)
            .actorsBefore(0) // leases taken before the parallel part could never be released
            .actorsAfter(0)
            .check(CancellableAcquire::class)
    }
})

/**
 * The data structure under test: a pool of one object, created up front, and the leases each test
 * thread holds. An operation's result is whether it got or gave back an object. Each thread releases
 * only its own leases, so that the harness adds no race of its own between the pool handing out a
 * lease and the harness recording it.
 */
abstract class OnePermitPool {
    protected val pool: Pool<Res> =
        testPool(1).also { pool -> pool.tryAcquire()!!.close() } // create the object now, not in a test thread
    protected val held = Array(8) { ConcurrentLinkedDeque<Lease<Res>>() }

    @Operation
    fun tryAcquire(@Param(gen = ThreadIdGen::class) thread: Int): Boolean =
        pool.tryAcquire()?.also { held[thread].push(it) } != null

    @Operation
    fun release(@Param(gen = ThreadIdGen::class) thread: Int): Boolean =
        held[thread].pollFirst()?.also { it.close() } != null
}

/** Lincheck may cancel an acquire before or right after its resumption. */
class PromptCancellableAcquire : OnePermitPool() {
    @Operation(promptCancellation = true, cancellableOnSuspension = true)
    suspend fun acquire(@Param(gen = ThreadIdGen::class) thread: Int) {
        held[thread].push(pool.acquireSuspending(Duration.INFINITE))
    }
}

/** Lincheck may cancel an acquire while it waits; every lease must stay accounted for. */
class CancellableAcquire : OnePermitPool() {
    @Operation(cancellableOnSuspension = true)
    suspend fun acquire(@Param(gen = ThreadIdGen::class) thread: Int) {
        held[thread].push(pool.acquireSuspending(Duration.INFINITE))
    }

    /** No lease lost or duplicated: the pool lends exactly the leases the threads hold. */
    @Validate
    fun everyLeaseIsAccountedFor() {
        val stats = pool.stats()
        val leases = held.sumOf { it.size }
        check(stats.inUse() == leases) { "inUse ${stats.inUse()} but $leases held: $stats" }
        check(stats.inUse() + stats.idle() == 1) { "the object is neither idle nor leased: $stats" }
    }
}
