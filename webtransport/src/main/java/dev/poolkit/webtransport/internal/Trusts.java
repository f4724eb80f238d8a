package dev.poolkit.webtransport.internal;

import dev.poolkit.webtransport.Trust;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/** The {@link Trust} implementations: PKIX over a key store, or pinned certificate hashes. */
public final class Trusts {
  private Trusts() {}

  public static Trust systemDefault() {
    X509TrustManager tm = pkix(null);
    return () -> tm;
  }

  public static Trust trustStore(KeyStore trustStore) {
    Objects.requireNonNull(trustStore, "trustStore");
    X509TrustManager tm = pkix(trustStore);
    return () -> tm;
  }

  public static Trust certificates(X509Certificate... certificates) {
    Objects.requireNonNull(certificates, "certificates");
    if (certificates.length == 0) {
      throw new IllegalArgumentException("certificates must name at least one certificate");
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < certificates.length; i++) {
        store.setCertificateEntry("trusted-" + i, Objects.requireNonNull(certificates[i], "certificates[" + i + "]"));
      }
      return trustStore(store);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a trust store in memory", e);
    }
  }

  public static Trust pinnedSha256(String... hexHashes) {
    Objects.requireNonNull(hexHashes, "hexHashes");
    if (hexHashes.length == 0) {
      throw new IllegalArgumentException("pinnedSha256 needs at least one hash");
    }
    List<byte[]> pins = new ArrayList<>();
    for (String hex : hexHashes) {
      pins.add(parseSha256(hex));
    }
    PinnedTrustManager tm = new PinnedTrustManager(pins);
    return () -> tm;
  }

  /** 32 bytes of hex, colons and spaces allowed between bytes. */
  static byte[] parseSha256(@Nullable String hex) {
    if (hex == null) {
      throw new IllegalArgumentException("a pinned SHA-256 hash is null");
    }
    String digits = hex.replace(":", "").replace(" ", "");
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(digits);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("pinned SHA-256 hash is not hex: '" + hex + "'", e);
    }
    if (bytes.length != 32) {
      throw new IllegalArgumentException(
          "pinned SHA-256 hash must be 32 bytes (64 hex digits), was " + bytes.length + " bytes: '" + hex + "'");
    }
    return bytes;
  }

  private static X509TrustManager pkix(@Nullable KeyStore store) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(store);
      for (var tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("the JDK's PKIX TrustManagerFactory made no X509TrustManager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot initialise PKIX trust", e);
    }
  }

  /** Accepts a server whose leaf certificate's DER SHA-256 is one of the pins and that is in its validity period. */
  static final class PinnedTrustManager implements X509TrustManager {
    private final List<byte[]> pins;

    PinnedTrustManager(List<byte[]> pins) {
      this.pins = List.copyOf(pins);
    }

    @Override
    public void checkServerTrusted(X509Certificate @Nullable [] chain, String authType) throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("the server sent no certificate");
      }
      byte[] actual = sha256(chain[0]);
      for (byte[] pin : pins) {
        if (MessageDigest.isEqual(pin, actual)) {
          chain[0].checkValidity();
          return;
        }
      }
      throw new CertificateException("server certificate SHA-256 " + HexFormat.of().formatHex(actual)
          + " matches none of the pinned hashes");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("a pinned-hash trust checks servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  static byte[] sha256(X509Certificate certificate) throws CertificateException {
    try {
      return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new CertificateException("SHA-256 is not available", e);
    }
  }
}
