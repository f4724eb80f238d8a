package dev.poolkit.ktx

import dev.poolkit.Allocator
import dev.poolkit.Pool
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout

/** The Kotlin example of the README, compiled and run here so that it cannot rot. */
class ReadmeExampleSpec : FunSpec({

    test("the README's Kotlin example runs") {
        val url = "db://example"
        // README: begin
        val pool = Pool.builder(Allocator.of({ Connection.open(url) }, Connection::close)).maxSize(10).build()

        coroutineScope {
            repeat(100) {
                launch { pool.withLeaseSuspending { conn -> conn.query("select 1") } } // waits without a thread
            }
        }
        withTimeout(2.seconds) { pool.withLeaseSuspending { conn -> conn.query("select 2") } } // released on timeout too
        pool.acquireSuspending(timeout = 500.milliseconds).use { lease -> lease.get().query("select 3") }
        // README: end
        pool.stats().acquired() shouldBe 102
        pool.close()
    }
})

/** A stand-in for a database connection. */
private class Connection private constructor() {
    fun query(sql: String): String = "ok: $sql"

    fun close() {}

    companion object {
        fun open(@Suppress("UNUSED_PARAMETER") url: String) = Connection()
    }
}
