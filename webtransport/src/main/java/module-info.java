/**
 * Poolkit WebTransport: connection, session and stream pools over Kwik (QUIC) and Flupke
 * (HTTP/3, WebTransport).
 *
 * <p>Only {@code dev.poolkit.webtransport} is exported; {@code dev.poolkit.webtransport.internal}
 * is not part of the API. No Kwik or Flupke type appears in the exported API, so neither is
 * required transitively.
 *
 * <p>The internal package reaches into packages that Flupke 0.9.4 and Kwik 0.10.8 do not export
 * (Flupke's public API has no way to close a client connection or to advertise more than one
 * session per connection; see {@code internal.FlupkeAccess} and {@code internal.SendNudge}). On
 * the class path that needs nothing. On the module path, start the JVM with:
 *
 * <pre>
 * --add-exports tech.kwik.flupke/tech.kwik.flupke.impl=dev.poolkit.webtransport
 * --add-exports tech.kwik.flupke/tech.kwik.flupke.webtransport.impl=dev.poolkit.webtransport
 * --add-exports tech.kwik.core/tech.kwik.core.common=dev.poolkit.webtransport
 * --add-exports tech.kwik.core/tech.kwik.core.frame=dev.poolkit.webtransport
 * --add-opens tech.kwik.core/tech.kwik.core.impl=dev.poolkit.webtransport
 * --add-opens tech.kwik.core/tech.kwik.core.stream=dev.poolkit.webtransport
 * </pre>
 *
 * (webtransport/NOTES.md, "Module path", says why each is needed; this module's own tests run on
 * the module path with exactly these flags.)
 */
module dev.poolkit.webtransport {
  requires transitive dev.poolkit;
  requires static org.jspecify;
  requires java.net.http;
  requires tech.kwik.core;
  requires tech.kwik.flupke;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;

  exports dev.poolkit.webtransport;
}
