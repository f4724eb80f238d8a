package dev.poolkit.webtransport.internal;

import dev.poolkit.webtransport.WebTransportClient;

/** The Kwik-backed client (placeholder until the transport lands). */
public final class KwikClient {
  private KwikClient() {}
  public static WebTransportClient create(WebTransportClient.Builder config) { throw new UnsupportedOperationException("not yet implemented"); }
}
