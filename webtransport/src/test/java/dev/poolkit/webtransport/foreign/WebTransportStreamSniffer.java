package dev.poolkit.webtransport.foreign;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import java.util.function.LongFunction;

/**
 * First handler of every client-initiated bidirectional stream. Netty's HTTP/3 codec reads every
 * such stream as a request stream of HTTP/3 frames, but a WebTransport stream starts with the
 * signal value 0x41 and a session id, then carries raw bytes (draft-ietf-webtrans-http3 §4.2):
 * read as frames, 0x41 becomes an unknown frame type and the session id its length, and the
 * application bytes after it are parsed as garbage frames.
 *
 * <p>So this handler reads the first variable-length integer. If it is 0x41 it also reads the
 * session id, takes every HTTP/3 handler out of the stream's pipeline, puts the handler made by
 * {@code webTransportHandler} (given the session id) in their place, and hands it the bytes that
 * followed the prefix. Otherwise it takes itself out and the HTTP/3 codec sees the stream from its
 * first byte.
 */
final class WebTransportStreamSniffer extends ChannelInboundHandlerAdapter {
  /** draft-ietf-webtrans-http3: WT_STREAM signal value on bidirectional streams. */
  static final long WEBTRANSPORT_BIDI_SIGNAL = 0x41;

  private final LongFunction<ChannelHandler> webTransportHandler;
  private ByteBuf buffered;

  WebTransportStreamSniffer(LongFunction<ChannelHandler> webTransportHandler) {
    this.webTransportHandler = webTransportHandler;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf bytes)) {
      ctx.fireChannelRead(msg);
      return;
    }
    buffered = buffered == null ? bytes : ctx.alloc().compositeBuffer().addComponents(true, buffered, bytes);
    long type = Varint.peek(buffered, buffered.readerIndex());
    if (type == Varint.INCOMPLETE) {
      return;
    }
    if (type != WEBTRANSPORT_BIDI_SIGNAL) {
      passOn(ctx);
      return;
    }
    int afterType = buffered.readerIndex() + Varint.length(buffered.getByte(buffered.readerIndex()));
    long sessionId = Varint.peek(buffered, afterType);
    if (sessionId == Varint.INCOMPLETE) {
      return;
    }
    buffered.readerIndex(afterType + Varint.length(buffered.getByte(afterType)));
    ChannelPipeline pipeline = ctx.pipeline();
    while (pipeline.last() != this) {
      pipeline.removeLast();
    }
    pipeline.addLast(webTransportHandler.apply(sessionId));
    passOn(ctx);
  }

  private void passOn(ChannelHandlerContext ctx) {
    ByteBuf rest = buffered;
    buffered = null;
    ctx.pipeline().remove(this);
    if (rest.isReadable()) {
      ctx.fireChannelRead(rest);
    } else {
      rest.release();
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (buffered != null) {
      buffered.release();
      buffered = null;
    }
  }
}
