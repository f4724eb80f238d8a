package dev.poolkit.webtransport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A session's application close code and reason reach the peer, in both directions. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionCloseTest {

  @Test
  void theClientsCodeAndReasonReachTheServer() throws Exception {
    CompletableFuture<WebTransportSession> serverSide = new CompletableFuture<>();
    try (WebTransportServer server = TestServers.echoServer().route("/close", serverSide::complete).start();
        WebTransportConnection connection = TestServers.client(server).connect("127.0.0.1", server.port())) {
      WebTransportSession session = connection.openSession("/close");
      WebTransportSession peer = serverSide.get(5, TimeUnit.SECONDS);
      session.close(0xFFFF_FFFFL, "client done, ciao ✌");
      CloseInfo local = session.closeFuture().get(5, TimeUnit.SECONDS);
      assertEquals(new CloseInfo(CloseInfo.Cause.LOCAL, 0xFFFF_FFFFL, "client done, ciao ✌"), local);
      CloseInfo seen = peer.closeFuture().get(10, TimeUnit.SECONDS);
      assertEquals(new CloseInfo(CloseInfo.Cause.PEER, 0xFFFF_FFFFL, "client done, ciao ✌"), seen);
      assertFalse(peer.isOpen());
      assertEquals(1, TestServers.echoOnce(connection.openSession("/echo"), 1), "the connection outlives the session");
    }
  }

  @Test
  void theServersCodeAndReasonReachTheClient() throws Exception {
    CompletableFuture<WebTransportSession> serverSide = new CompletableFuture<>();
    try (WebTransportServer server = WebTransportServer.builder().route("/close", serverSide::complete).start();
        WebTransportConnection connection = TestServers.client(server).connect("127.0.0.1", server.port());
        WebTransportSession session = connection.openSession("/close")) {
      WebTransportSession peer = serverSide.get(5, TimeUnit.SECONDS);
      peer.close(4242, "server says bye, tschüss");
      CloseInfo seen = session.closeFuture().get(10, TimeUnit.SECONDS);
      assertEquals(new CloseInfo(CloseInfo.Cause.PEER, 4242, "server says bye, tschüss"), seen);
      assertFalse(session.isOpen());
      assertFalse(session.isReusable());
      assertEquals(new CloseInfo(CloseInfo.Cause.LOCAL, 4242, "server says bye, tschüss"),
          peer.closeFuture().get(5, TimeUnit.SECONDS));
    }
  }
}
