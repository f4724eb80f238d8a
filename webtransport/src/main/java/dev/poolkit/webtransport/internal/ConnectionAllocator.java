package dev.poolkit.webtransport.internal;

import dev.poolkit.Allocator;
import dev.poolkit.webtransport.WebTransportClient;
import dev.poolkit.webtransport.WebTransportConnection;

/**
 * Opens connections to one endpoint; a connection is alive while {@link
 * WebTransportConnection#isOpen()} (PY-B1); disposing closes it.
 */
public record ConnectionAllocator(WebTransportClient client, String host, int port)
    implements Allocator<WebTransportConnection> {

  @Override
  public WebTransportConnection create() throws Exception {
    return client.connect(host, port);
  }

  @Override
  public boolean isAlive(WebTransportConnection connection) {
    return connection.isOpen();
  }

  @Override
  public void destroy(WebTransportConnection connection) {
    connection.close();
  }
}
