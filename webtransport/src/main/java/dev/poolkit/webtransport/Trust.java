package dev.poolkit.webtransport;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * Which server certificates a client accepts. There is no trust-all: pick a trust store, given
 * certificates, pinned SHA-256 hashes of the certificate (what browsers call {@code
 * serverCertificateHashes}), or the JDK's default trust store.
 */
public interface Trust {

  /** The JDK's default trust store (cacerts), with the usual PKIX and host name checks. */
  static Trust systemDefault() {
    return dev.poolkit.webtransport.internal.Trusts.systemDefault();
  }

  /** Trust anchors from a key store, PKIX-validated; the host name is checked too. */
  static Trust trustStore(KeyStore trustStore) {
    return dev.poolkit.webtransport.internal.Trusts.trustStore(trustStore);
  }

  /** Exactly these certificates (or chains ending in them); the host name is checked too. */
  static Trust certificates(X509Certificate... certificates) {
    return dev.poolkit.webtransport.internal.Trusts.certificates(certificates);
  }

  /**
   * Accept a server whose leaf certificate's SHA-256 hash (of its DER encoding) is one of these,
   * as hex with or without colons.
   *
   * @throws IllegalArgumentException if a hash is not 32 bytes of hex
   */
  static Trust pinnedSha256(String... hexHashes) {
    return dev.poolkit.webtransport.internal.Trusts.pinnedSha256(hexHashes);
  }

  /** The trust manager handed to Kwik. */
  X509TrustManager trustManager();
}
