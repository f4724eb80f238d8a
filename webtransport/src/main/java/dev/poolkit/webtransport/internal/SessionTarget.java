package dev.poolkit.webtransport.internal;

import java.net.URI;
import java.util.Objects;

/**
 * Where a session pool's sessions go, taken from a validated {@code https} URL.
 *
 * @param host the host name or address (IPv6 without brackets), also the TLS server name
 * @param port the UDP port; 443 when the URL has none
 * @param pathAndQuery the path (at least {@code /}) and, if present, {@code ?query}, as written
 */
public record SessionTarget(String host, int port, String pathAndQuery) {

  /**
   * Validates {@code url}: scheme {@code https}, a host, a port in 1..65535 if given, no fragment
   * and no user info.
   *
   * @throws IllegalArgumentException naming {@code url} and what is wrong with it
   */
  public static SessionTarget of(URI url) {
    Objects.requireNonNull(url, "url");
    if (!url.isAbsolute() || !"https".equalsIgnoreCase(url.getScheme())) {
      throw bad(url, "the scheme must be https");
    }
    String host = url.getHost();
    if (host == null || host.isEmpty()) {
      throw bad(url, "it has no host (or a host that is not a valid name)");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = url.getPort();
    if (port == -1) {
      if (url.getRawAuthority() != null && url.getRawAuthority().endsWith(":")) {
        throw bad(url, "the port is empty");
      }
      port = 443;
    } else if (port < 1 || port > 65535) {
      throw bad(url, "the port must be 1..65535");
    }
    if (url.getRawUserInfo() != null) {
      throw bad(url, "user info is not allowed");
    }
    if (url.getRawFragment() != null) {
      throw bad(url, "a fragment is not allowed");
    }
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = url.getRawQuery();
    return new SessionTarget(host, port, query == null ? path : path + "?" + query);
  }

  private static IllegalArgumentException bad(URI url, String why) {
    return new IllegalArgumentException("url must be a WebTransport https URL: " + why + ", was '" + url + "'");
  }
}
