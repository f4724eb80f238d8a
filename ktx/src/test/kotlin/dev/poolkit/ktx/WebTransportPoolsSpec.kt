package dev.poolkit.ktx

import dev.poolkit.webtransport.SessionPool
import dev.poolkit.webtransport.StreamPool
import dev.poolkit.webtransport.Trust
import dev.poolkit.webtransport.WebTransportClient
import dev.poolkit.webtransport.WebTransportServer
import dev.poolkit.webtransport.WebTransportStream
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout

/**
 * The WebTransport pools are core `Pool`s, so the suspend helpers work on them as they are:
 * sessions and streams from a real server on 127.0.0.1, waited for without a thread.
 */
class WebTransportPoolsSpec : FunSpec({

    test("coroutines share a SessionPool and StreamPools with the suspend helpers (PY-14, PY-15)") {
        WebTransportServer.builder().route("/echo") { s -> s.onIncomingStream(::echo) }.start().use { server ->
            val client = WebTransportClient.builder().trust(Trust.pinnedSha256(server.certificate().sha256Hex())).build()
            SessionPool.builder().client(client).url(server.url("/echo")).maxSize(2).build().use { sessions ->
                val answers = coroutineScope {
                    (1..20).map { i ->
                        async(Dispatchers.IO) {
                            withTimeout(20.seconds) {
                                sessions.withLeaseSuspending { session ->
                                    StreamPool.builder().session(session).maxSize(1).build().use { streams ->
                                        streams.withLeaseSuspending { stream -> echoOnce(stream, i) }
                                    }
                                }
                            }
                        }
                    }.awaitAll()
                }
                answers shouldBe (1..20).toList()
                sessions.stats().created() shouldBe 2L
                sessions.stats().inUse() shouldBe 0
            }
        }
    }

    test("a coroutine cancelled while waiting for a session takes none") {
        WebTransportServer.builder().route("/echo") { s -> s.onIncomingStream(::echo) }.start().use { server ->
            val client = WebTransportClient.builder().trust(Trust.pinnedSha256(server.certificate().sha256Hex())).build()
            SessionPool.builder().client(client).url(server.url("/echo")).maxSize(1).build().use { sessions ->
                val held = sessions.acquireSuspending()
                val cancelled = runCatching { withTimeout(200) { sessions.acquireSuspending() } }
                (cancelled.exceptionOrNull() is CancellationException) shouldBe true
                held.close()
                sessions.stats().pending() shouldBe 0
                sessions.withLeaseSuspending { it.isOpen } shouldBe true
            }
        }
    }
})

private suspend fun echoOnce(stream: WebTransportStream, value: Int): Int = withContext(Dispatchers.IO) {
    stream.write(byteArrayOf(value.toByte()))
    stream.readNBytes(1, java.time.Duration.ofSeconds(5))[0].toInt()
}

private fun echo(stream: WebTransportStream) {
    stream.use {
        val buffer = ByteArray(256)
        try {
            while (true) {
                val n = it.inputStream().read(buffer)
                if (n < 0) break
                it.outputStream().write(buffer, 0, n)
                it.outputStream().flush()
            }
        } catch (e: java.io.IOException) {
            // the client went away
        }
    }
}
