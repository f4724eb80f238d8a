package dev.poolkit.webtransport.internal;

import dev.poolkit.webtransport.Trust;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/** Trust implementations (placeholder until the transport lands). */
public final class Trusts {
  private Trusts() {}
  public static Trust systemDefault() { throw new UnsupportedOperationException("not yet implemented"); }
  public static Trust trustStore(KeyStore ks) { throw new UnsupportedOperationException("not yet implemented"); }
  public static Trust certificates(X509Certificate... certs) { throw new UnsupportedOperationException("not yet implemented"); }
  public static Trust pinnedSha256(String... hashes) { throw new UnsupportedOperationException("not yet implemented"); }
}
