package dev.poolkit.webtransport.internal;

import dev.poolkit.webtransport.ServerCertificate;
import java.security.KeyStore;
import java.time.Duration;

/** Certificate helpers (placeholder until the transport lands). */
public final class Certificates {
  private Certificates() {}
  public static ServerCertificate selfSigned(Duration validity, String... names) { throw new UnsupportedOperationException("not yet implemented"); }
  public static ServerCertificate fromKeyStore(KeyStore ks, String alias, char[] pw) { throw new UnsupportedOperationException("not yet implemented"); }
}
