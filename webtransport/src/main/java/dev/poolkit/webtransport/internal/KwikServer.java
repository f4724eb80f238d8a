package dev.poolkit.webtransport.internal;

import dev.poolkit.webtransport.WebTransportServer;

/** The Kwik/Flupke-backed server (placeholder until the transport lands). */
public final class KwikServer {
  private KwikServer() {}
  public static WebTransportServer start(WebTransportServer.Builder config) { throw new UnsupportedOperationException("not yet implemented"); }
}
