package dev.poolkit.webtransport.foreign;

import dev.poolkit.webtransport.ServerCertificate;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.DefaultHttp3SettingsFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ServerConnectionHandler;
import io.netty.handler.codec.http3.Http3Settings;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal WebTransport echo endpoint on a foreign stack: Netty's HTTP/3 codec over Cloudflare
 * quiche. It does what a Kwik/Flupke client needs and no more: the SETTINGS of {@link #settings},
 * extended CONNECT (accepted on {@code paths}, 404 elsewhere), and bidirectional streams that
 * start with 0x41 and a session id, echoed byte for byte until FIN. No datagrams, no
 * unidirectional WebTransport streams, capsules ignored. One event-loop thread; {@link #close()}
 * stops it.
 */
final class NettyWebTransportServer implements AutoCloseable {
  /** draft-ietf-webtrans-http3-13 SETTINGS_WT_MAX_SESSIONS: Flupke opens no more sessions than this. */
  static final long SETTINGS_WT_MAX_SESSIONS = 0x14e9cd29L;
  /** draft-02 SETTINGS_ENABLE_WEBTRANSPORT, still wanted by Chromium (STACK-NOTES). */
  static final long SETTINGS_ENABLE_WEBTRANSPORT_DRAFT02 = 0x2b603742L;
  static final long MAX_SESSIONS = 16;
  /** Bidirectional stream credit per connection; quiche raises it as streams complete. */
  static final long MAX_BIDI_STREAMS = 100;

  private final Set<String> paths;
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel channel;
  private final Set<Long> openSessions = ConcurrentHashMap.newKeySet();
  private final AtomicLong sessionsAccepted = new AtomicLong();
  private final AtomicLong sessionsRefused = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong webTransportStreams = new AtomicLong();
  private final AtomicLong echoedBytes = new AtomicLong();

  /**
   * Serves on {@code address} (port 0 picks one). Blocks until bound, at most 10 s.
   *
   * @throws IllegalStateException if the key cannot be read, or the bind fails or times out
   */
  NettyWebTransportServer(InetSocketAddress address, ServerCertificate certificate, Set<String> paths)
      throws InterruptedException {
    this.paths = Set.copyOf(paths);
    try {
      ChannelFuture bound = new Bootstrap().group(group).channel(NioDatagramChannel.class)
          .handler(quicCodec(sslContext(certificate))).bind(address);
      if (!bound.await(10, TimeUnit.SECONDS) || !bound.isSuccess()) {
        throw new IllegalStateException("cannot bind the Netty QUIC server to " + address, bound.cause());
      }
      channel = bound.channel();
    } catch (RuntimeException | InterruptedException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /**
   * The SETTINGS this server sends. Netty drops settings it does not know unless a validator
   * admits them, for the local SETTINGS as well as the peer's: hence the validator that admits all.
   */
  static Http3Settings settings() {
    Http3Settings settings = new Http3Settings((id, value) -> true);
    settings.qpackMaxTableCapacity(0); // literal and static-table header fields only
    settings.qpackBlockedStreams(0);
    settings.enableConnectProtocol(true); // RFC 9220: Flupke refuses to send extended CONNECT without it
    settings.enableH3Datagram(true); // RFC 9297; Chromium wants it, with the QUIC datagram parameter
    settings.put(SETTINGS_WT_MAX_SESSIONS, MAX_SESSIONS); // without it Flupke allows 0 sessions
    settings.put(SETTINGS_ENABLE_WEBTRANSPORT_DRAFT02, 1L);
    return settings;
  }

  private ChannelHandler quicCodec(QuicSslContext ssl) {
    return Http3.newQuicServerCodecBuilder()
        .sslContext(ssl)
        .maxIdleTimeout(30, TimeUnit.SECONDS)
        .initialMaxData(32L << 20)
        .initialMaxStreamDataBidirectionalLocal(4L << 20)
        .initialMaxStreamDataBidirectionalRemote(4L << 20)
        .initialMaxStreamDataUnidirectional(1L << 20)
        .initialMaxStreamsBidirectional(MAX_BIDI_STREAMS)
        .initialMaxStreamsUnidirectional(16)
        .datagram(64, 64) // the QUIC datagram transport parameter that H3_DATAGRAM = 1 promises
        .handler(new ChannelInitializer<QuicChannel>() {
          @Override
          protected void initChannel(QuicChannel quic) {
            connections.incrementAndGet();
            quic.pipeline().addLast(new Http3ServerConnectionHandler(
                requestStreams(), null, null, new DefaultHttp3SettingsFrame(settings()), true,
                (id, value) -> true));
          }
        })
        .build();
  }

  /** Added last to each client bidirectional stream, after Netty's HTTP/3 codec handlers. */
  private ChannelHandler requestStreams() {
    return new ChannelInitializer<QuicStreamChannel>() {
      @Override
      protected void initChannel(QuicStreamChannel stream) {
        stream.pipeline().addFirst(new WebTransportStreamSniffer(sessionId -> {
          webTransportStreams.incrementAndGet();
          return new EchoStreamHandler(echoedBytes);
        }));
        stream.pipeline().addLast(new SessionRequestHandler(NettyWebTransportServer.this));
      }
    };
  }

  private static QuicSslContext sslContext(ServerCertificate certificate) {
    try {
      PrivateKey key = (PrivateKey) certificate.keyStore().getKey(certificate.alias(), certificate.password());
      return QuicSslContextBuilder.forServer(key, null, certificate.certificate())
          .applicationProtocols("h3")
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the server key '" + certificate.alias() + "'", e);
    }
  }

  boolean accepts(String path) {
    return paths.contains(path);
  }

  void sessionOpened(long sessionId) {
    sessionsAccepted.incrementAndGet();
    openSessions.add(sessionId);
  }

  void sessionRefused() {
    sessionsRefused.incrementAndGet();
  }

  void sessionClosed(long sessionId) {
    openSessions.remove(sessionId);
  }

  long sessionsAccepted() { return sessionsAccepted.get(); }

  long sessionsRefused() { return sessionsRefused.get(); }

  long connections() { return connections.get(); }

  long webTransportStreams() { return webTransportStreams.get(); }

  long echoedBytes() { return echoedBytes.get(); }

  /** Closes the socket (no CONNECTION_CLOSE is sent to the peers) and stops the event loop, within 5 s. */
  @Override
  public void close() throws InterruptedException {
    channel.close().await(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
  }
}
