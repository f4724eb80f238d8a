package dev.poolkit.webtransport.foreign;

import dev.poolkit.webtransport.Trust;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.X509TrustManager;

/** A {@link Trust} that delegates and records each server certificate it was asked about, and the verdict. */
final class RecordingTrust implements Trust {
  record Check(X509Certificate leaf, boolean trusted) {}

  private final X509TrustManager delegate;
  private final List<Check> checks = new CopyOnWriteArrayList<>();
  private final X509TrustManager recording = new X509TrustManager() {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        delegate.checkServerTrusted(chain, authType);
        checks.add(new Check(chain[0], true));
      } catch (CertificateException | RuntimeException e) {
        checks.add(new Check(chain == null || chain.length == 0 ? null : chain[0], false));
        throw e;
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  };

  RecordingTrust(Trust delegate) {
    this.delegate = delegate.trustManager();
  }

  @Override
  public X509TrustManager trustManager() {
    return recording;
  }

  List<Check> checks() {
    return List.copyOf(checks);
  }
}
