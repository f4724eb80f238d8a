package dev.poolkit.samples.chat;

import dev.poolkit.webtransport.ServerCertificate;
import java.net.InetAddress;

/**
 * Runs the chat server and its browser page on 127.0.0.1 until standard input ends (or Ctrl-C),
 * and prints how to join: the page URL and the {@link ChatCli} command line.
 *
 * <p>Arguments: {@code [udp-port] [http-port]}, both 0 (a free port) by default.
 */
public final class ChatServerMain {
  private ChatServerMain() {}

  public static void main(String[] args) throws Exception {
    int udpPort = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    int httpPort = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    try (ChatServer server = ChatServer.start(InetAddress.getLoopbackAddress(), udpPort, ServerCertificate.selfSigned());
         ChatPage page = ChatPage.start(server.baseUrl(), server.certificateSha256Hex(), httpPort)) {
      System.out.println("chat server:  " + server.baseUrl());
      System.out.println("certificate:  sha-256 " + server.certificateSha256Hex());
      System.out.println("browser page: " + page.url("lobby", "browser"));
      System.out.println("CLI client:   ChatCli --server " + server.baseUrl() + " --room lobby --name alice --trust "
          + server.certificateSha256Hex());
      System.out.println("(end of input stops the server)");
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
