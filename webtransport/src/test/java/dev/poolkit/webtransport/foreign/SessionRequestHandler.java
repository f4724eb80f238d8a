package dev.poolkit.webtransport.foreign;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;

/**
 * A request stream, as Netty's HTTP/3 codec decoded it. An extended CONNECT with {@code
 * :protocol = webtransport} to an accepted path opens a session: 200 and the stream stays open
 * (its id is the session id, its DATA carries capsules, which this endpoint ignores). Any other
 * request gets 404 and FIN. The peer's FIN on a session stream ends the session: FIN back.
 */
final class SessionRequestHandler extends Http3RequestStreamInboundHandler {
  private final NettyWebTransportServer server;

  SessionRequestHandler(NettyWebTransportServer server) {
    this.server = server;
  }

  @Override
  protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
    Http3Headers request = frame.headers();
    String path = request.path() == null ? "" : URI.create(request.path().toString()).getPath();
    boolean webTransport = "CONNECT".contentEquals(nullToEmpty(request.method()))
        && "webtransport".contentEquals(nullToEmpty(request.protocol()));
    Http3HeadersFrame response = new DefaultHttp3HeadersFrame();
    if (webTransport && server.accepts(path)) {
      server.sessionOpened(((QuicStreamChannel) ctx.channel()).streamId());
      response.headers().status("200");
      // Chromium's older drafts look for this header; Flupke ignores it.
      response.headers().add("sec-webtransport-http3-draft", "draft02");
      ctx.writeAndFlush(response);
    } else {
      server.sessionRefused();
      response.headers().status("404");
      ctx.writeAndFlush(response).addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
    }
    ReferenceCountUtil.release(frame);
  }

  @Override
  protected void channelRead(ChannelHandlerContext ctx, Http3DataFrame frame) {
    frame.release(); // capsules (e.g. CLOSE_WEBTRANSPORT_SESSION): the FIN that follows is what counts here
  }

  @Override
  protected void channelInputClosed(ChannelHandlerContext ctx) {
    server.sessionClosed(((QuicStreamChannel) ctx.channel()).streamId());
    ((QuicStreamChannel) ctx.channel()).shutdownOutput().addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private static CharSequence nullToEmpty(CharSequence s) {
    return s == null ? "" : s;
  }
}
