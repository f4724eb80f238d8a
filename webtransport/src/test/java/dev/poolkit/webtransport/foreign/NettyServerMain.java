package dev.poolkit.webtransport.foreign;

import dev.poolkit.webtransport.ServerCertificate;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.util.Set;

/**
 * The Netty WebTransport echo endpoint in its own process, for tests that kill it: {@code
 * NettyServerMain <pkcs12> <password>}. Listens on an ephemeral port of 127.0.0.1 for {@code /echo},
 * prints {@code PORT <n>} once bound, then serves until its stdin closes (the test that started it
 * went away) or it is killed.
 */
public final class NettyServerMain {
  private NettyServerMain() {}

  public static void main(String[] args) throws Exception {
    char[] password = args[1].toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(args[0])) {
      store.load(in, password);
    }
    ServerCertificate certificate = ServerCertificate.fromKeyStore(store, store.aliases().nextElement(), password);
    try (NettyWebTransportServer server =
        new NettyWebTransportServer(new InetSocketAddress("127.0.0.1", 0), certificate, Set.of("/echo"))) {
      System.out.println("PORT " + server.port());
      System.out.flush();
      while (System.in.read() >= 0) {
        // keep serving
      }
    }
  }
}
