package dev.poolkit.webtransport.internal;

import dev.poolkit.webtransport.ServerCertificate;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes and loads {@link ServerCertificate}s. */
public final class Certificates {
  private static final String ALIAS = "poolkit";
  private static final Duration MAX_VALIDITY = Duration.ofDays(14);

  private Certificates() {}

  public static ServerCertificate selfSigned(Duration validity, String... names) {
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(names, "names");
    if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
      throw new IllegalArgumentException("validity must be positive and at most 14 days (browsers refuse longer "
          + "for serverCertificateHashes), was " + validity);
    }
    if (names.length == 0) {
      throw new IllegalArgumentException("names must hold at least one host name or IP address");
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=" + sanitize(names[0]));
      Instant now = Instant.now();
      // Browsers count validity from notBefore: starting a minute ago keeps the whole span within the limit.
      Instant notBefore = now.minus(Duration.ofMinutes(1));
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
          new BigInteger(64, new SecureRandom()), Date.from(notBefore), Date.from(notBefore.plus(validity)),
          subject, keys.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans(names)));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      X509Certificate certificate = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(8)).toCharArray();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, keys.getPrivate(), password, new Certificate[] {certificate});
      return new Loaded(certificate, Trusts.sha256(certificate), store, ALIAS, password);
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot make a self-signed EC P-256 certificate", e);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot make an in-memory key store", e);
    }
  }

  public static ServerCertificate fromKeyStore(KeyStore keyStore, String alias, char[] password) {
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(password, "password");
    try {
      Key key = keyStore.getKey(alias, password);
      if (!(key instanceof PrivateKey)) {
        throw new IllegalArgumentException("key store has no private key entry named '" + alias + "'");
      }
      if (!"EC".equals(key.getAlgorithm())) {
        throw new IllegalArgumentException("key '" + alias + "' is " + key.getAlgorithm() + "; Kwik needs an EC P-256 key");
      }
      if (!(keyStore.getCertificate(alias) instanceof X509Certificate certificate)) {
        throw new IllegalArgumentException("key store entry '" + alias + "' has no X.509 certificate");
      }
      return new Loaded(certificate, Trusts.sha256(certificate), keyStore, alias, password.clone());
    } catch (java.security.UnrecoverableKeyException e) {
      throw new IllegalArgumentException("wrong password for key '" + alias + "'", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read key '" + alias + "' from the key store: " + e.getMessage(), e);
    }
  }

  private static GeneralName[] sans(String[] names) {
    List<GeneralName> sans = new ArrayList<>();
    for (String name : names) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a certificate name is null or blank");
      }
      // Kwik checks the host only against DNS names and the CN, browsers check IP addresses as
      // IP addresses: IPv4 literals go in both ways. An IPv6 literal is not a valid DNS name
      // (Chromium drops the connection on such a certificate), so it goes in as an address only.
      if (name.indexOf(':') < 0) {
        sans.add(new GeneralName(GeneralName.dNSName, name));
      }
      if (isIpLiteral(name)) {
        sans.add(new GeneralName(GeneralName.iPAddress, name));
      }
    }
    return sans.toArray(GeneralName[]::new);
  }

  private static boolean isIpLiteral(String name) {
    if (name.indexOf(':') >= 0) {
      return true;
    }
    return name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  private static String sanitize(String name) {
    return name.replaceAll("[^A-Za-z0-9.:-]", "_");
  }

  /** A key, its certificate and the key store that holds them. */
  private record Loaded(X509Certificate certificate, byte[] hash, KeyStore keyStore, String alias, char[] secret)
      implements ServerCertificate {
    @Override
    public byte[] sha256() {
      return hash.clone();
    }

    @Override
    public String sha256Hex() {
      return HexFormat.of().formatHex(hash);
    }

    @Override
    public char[] password() {
      return secret.clone();
    }

    @Override
    public String toString() {
      return "ServerCertificate[" + certificate.getSubjectX500Principal() + ", sha256 " + sha256Hex() + "]";
    }
  }

}
