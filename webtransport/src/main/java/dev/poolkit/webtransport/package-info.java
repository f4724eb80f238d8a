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
 *
 * <p>Runtime: JDK 24 or newer is recommended. Kwik's stream reads wait inside {@code synchronized}
 * with {@code Object.wait}, which pins a virtual thread's carrier on JDK 21-23 (JEP 491 lifted that
 * in 24): there, read on platform threads or expect carriers to be held while reads wait.
 * Flupke's non-exported {@code impl} packages are used (by {@code internal.FlupkeAccess} only), so
 * the module runs on the class path, or on the module path with {@code --add-exports
 * tech.kwik.flupke/tech.kwik.flupke.impl=ALL-UNNAMED} and the same for {@code
 * tech.kwik.flupke.webtransport.impl}.
 */
@NullMarked
package dev.poolkit.webtransport;

import org.jspecify.annotations.NullMarked;
