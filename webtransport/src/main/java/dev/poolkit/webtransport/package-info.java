/**
 * Pools of WebTransport connections, sessions and streams over Kwik (QUIC) and Flupke (HTTP/3,
 * WebTransport): {@link dev.poolkit.webtransport.ConnectionPool}, {@link
 * dev.poolkit.webtransport.SessionPool}, {@link dev.poolkit.webtransport.StreamPool} and {@link
 * dev.poolkit.webtransport.KeyedConnectionPool}, each a {@link dev.poolkit.Pool} underneath.
 *
 * <p>The wrappers ({@link dev.poolkit.webtransport.WebTransportClient}, {@link
 * dev.poolkit.webtransport.WebTransportConnection}, {@link dev.poolkit.webtransport.WebTransportSession},
 * {@link dev.poolkit.webtransport.WebTransportStream}) add what the pools need and Flupke lacks: a
 * deadline on every operation that waits on the network, a death signal, and the state of a
 * stream's two directions. {@link dev.poolkit.webtransport.WebTransportServer} is a small server
 * for tests and samples.
 */
@NullMarked
package dev.poolkit.webtransport;

import org.jspecify.annotations.NullMarked;
