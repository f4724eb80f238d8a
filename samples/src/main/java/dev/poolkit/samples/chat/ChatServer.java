package dev.poolkit.samples.chat;

import dev.poolkit.webtransport.ServerCertificate;
import dev.poolkit.webtransport.WebTransportServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Map;

/**
 * The chat server: a {@link WebTransportServer} whose sessions at {@code /chat/<room>?name=<name>}
 * join a room. Each stream a client opens is served on its own virtual thread: {@code MSG} lines are
 * posted to the room and acknowledged, a {@code SUB} line turns the stream into that session's feed
 * of the room (see {@link ChatProtocol}).
 *
 * <p>A client that vanishes only ends its own streams: its subscription is dropped when a write to
 * it fails or its queue overflows, or when its session ends.
 */
public final class ChatServer implements AutoCloseable {
  private final ChatService chat = new ChatService(ChatService.SUBSCRIBER_QUEUE);
  private final WebTransportServer server;

  private ChatServer(WebTransportServer.Builder builder) throws IOException {
    this.server = builder
        .authorize(request -> ChatService.authorize(request.path()))
        .route(ChatProtocol.PATH_PREFIX, chat::accept)
        .start();
  }

  /** A server on 127.0.0.1, a free UDP port, with a fresh self-signed certificate. */
  public static ChatServer start() throws IOException {
    return start(InetAddress.getLoopbackAddress(), 0, ServerCertificate.selfSigned());
  }

  /**
   * A server on {@code address:port} (0 picks a free port) with {@code certificate}.
   *
   * @throws IOException if the UDP port cannot be bound
   */
  public static ChatServer start(InetAddress address, int port, ServerCertificate certificate)
      throws IOException {
    return new ChatServer(WebTransportServer.builder().bind(address, port).certificate(certificate));
  }

  /** {@code https://host:port}, the base for {@link ChatClient} and the page. */
  public URI baseUrl() {
    URI any = server.url("/");
    return URI.create(any.getScheme() + "://" + any.getRawAuthority());
  }

  /** The URL of a chat session: {@code https://host:port/chat/<room>?name=<name>}. */
  public URI sessionUrl(String room, String name) {
    return server.url(ChatProtocol.sessionPath(room, name));
  }

  /** SHA-256 of the server certificate, hex: what clients pin and browsers pass as a certificate hash. */
  public String certificateSha256Hex() {
    return server.certificate().sha256Hex();
  }

  /** The transport underneath, for its connection and session counts. */
  public WebTransportServer transport() {
    return server;
  }

  /** Messages accepted so far. */
  public long acceptedMessages() {
    return chat.acceptedMessages();
  }

  /** Lines refused so far (too long, invalid UTF-8, unknown command). */
  public long refusedLines() {
    return chat.refusedLines();
  }

  /** Last sequence number of each room that has seen a session, by room name. */
  public Map<String, Long> roomSequences() {
    return chat.roomSequences();
  }

  /** Subscriptions currently open in {@code room} (0 for a room never seen). */
  public int subscriberCount(String room) {
    return chat.subscriberCount(room);
  }

  /** Stops the server: every session ends. Idempotent. */
  @Override
  public void close() {
    server.close();
  }
}
