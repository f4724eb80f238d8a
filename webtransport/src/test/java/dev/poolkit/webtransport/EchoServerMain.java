package dev.poolkit.webtransport;

import java.io.FileInputStream;
import java.net.InetAddress;
import java.security.KeyStore;

/**
 * An echo server in its own process, for tests that kill it: {@code EchoServerMain <port> <pkcs12>
 * <password>}. Prints {@code PORT <n>} once it listens, then serves until killed.
 */
public final class EchoServerMain {
  private EchoServerMain() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    char[] password = args[2].toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(args[1])) {
      store.load(in, password);
    }
    WebTransportServer server = TestServers.echoServer()
        .bind(InetAddress.getByName("127.0.0.1"), port)
        .certificate(ServerCertificate.fromKeyStore(store, store.aliases().nextElement(), password))
        .start();
    System.out.println("PORT " + server.port());
    System.out.flush();
    // Stop when the test that started us goes away (stdin closes), or when killed.
    while (System.in.read() >= 0) {
      // keep serving
    }
    server.close();
  }
}
