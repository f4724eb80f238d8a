package dev.poolkit.webtransport;

import java.util.Objects;

/**
 * A WebTransport server's address: the key of a {@link KeyedConnectionPool}. {@code host} is also
 * the TLS server name checked against the certificate.
 *
 * <pre>{@code
 * Endpoint edge = new Endpoint("127.0.0.1", 4433);
 * }</pre>
 *
 * @param host a host name or address, not blank (IPv6 without brackets)
 * @param port 1..65535
 */
public record Endpoint(String host, int port) {

  /** @throws IllegalArgumentException if {@code host} is blank or {@code port} is out of range */
  public Endpoint {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) throw new IllegalArgumentException("host must not be blank");
    if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1..65535, was " + port);
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
