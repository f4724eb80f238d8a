package dev.poolkit.webtransport;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * A server's TLS key and certificate. {@link #selfSigned} makes an ephemeral EC P-256 one, the
 * kind browsers accept through {@code serverCertificateHashes} (validity at most 14 days).
 */
public interface ServerCertificate {

  /**
   * A fresh self-signed EC P-256 certificate for {@code names} (host names and IP addresses; each
   * is put in the certificate as a DNS name, and IP literals also as IP addresses).
   *
   * @throws IllegalArgumentException if validity is not positive or longer than 14 days, or no name
   */
  static ServerCertificate selfSigned(Duration validity, String... names) {
    return dev.poolkit.webtransport.internal.Certificates.selfSigned(validity, names);
  }

  /** {@code selfSigned(13 days, "localhost", "127.0.0.1", "::1")}. */
  static ServerCertificate selfSigned() {
    return selfSigned(Duration.ofDays(13), "localhost", "127.0.0.1", "::1");
  }

  /**
   * The key entry {@code alias} of a key store (an EC P-256 key, as Kwik requires).
   *
   * @throws IllegalArgumentException if there is no such key entry or the password is wrong
   */
  static ServerCertificate fromKeyStore(KeyStore keyStore, String alias, char[] password) {
    return dev.poolkit.webtransport.internal.Certificates.fromKeyStore(keyStore, alias, password);
  }

  X509Certificate certificate();

  /** SHA-256 of the certificate's DER encoding. */
  byte[] sha256();

  /** {@link #sha256()} as lower-case hex without separators. */
  String sha256Hex();

  /** A key store holding the key and certificate under {@link #alias()}. */
  KeyStore keyStore();

  String alias();

  char[] password();
}
