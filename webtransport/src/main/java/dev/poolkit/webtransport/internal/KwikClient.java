package dev.poolkit.webtransport.internal;

import dev.poolkit.webtransport.Trust;
import dev.poolkit.webtransport.WebTransportClient;
import dev.poolkit.webtransport.WebTransportConnection;
import dev.poolkit.webtransport.WebTransportSession;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** The {@link WebTransportClient} over Kwik and Flupke: an immutable copy of its configuration. */
public final class KwikClient implements WebTransportClient {
  private final Trust trust;
  private final Duration connectTimeout;
  private final Duration operationTimeout;
  private final Duration idleTimeout;
  private final boolean keepAlive;

  private KwikClient(WebTransportClient.Builder config) {
    KwikAssertions.apply();
    this.trust = config.trust();
    this.connectTimeout = config.connectTimeout();
    this.operationTimeout = config.operationTimeout();
    this.idleTimeout = config.idleTimeout();
    this.keepAlive = config.keepAlive();
  }

  public static WebTransportClient create(WebTransportClient.Builder config) {
    return new KwikClient(config);
  }

  @Override
  public WebTransportConnection connect(String host, int port) throws IOException, InterruptedException {
    checkEndpoint(host, port);
    return KwikConnection.connect(this, host, port);
  }

  @Override
  public WebTransportSession openSession(URI url) throws IOException, InterruptedException {
    Objects.requireNonNull(url, "url");
    if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || url.getPort() < 1) {
      throw new IllegalArgumentException("url must be https://host:port/path, was " + url);
    }
    String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
    KwikConnection connection = KwikConnection.connect(this, host, url.getPort());
    String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    try {
      return connection.openSession(path, Map.of(), operationTimeout, true);
    } catch (IOException | RuntimeException | InterruptedException e) {
      connection.close();
      throw e;
    }
  }

  static void checkEndpoint(String host, int port) {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
  }

  @Override public Duration connectTimeout() { return connectTimeout; }
  @Override public Duration operationTimeout() { return operationTimeout; }
  Duration idleTimeout() { return idleTimeout; }
  boolean keepAlive() { return keepAlive; }
  Trust trust() { return trust; }
}
