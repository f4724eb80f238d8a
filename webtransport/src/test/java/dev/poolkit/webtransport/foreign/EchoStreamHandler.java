package dev.poolkit.webtransport.foreign;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The body of a WebTransport bidirectional stream, after the sniffer took the 0x41 prefix off:
 * echoes every byte, and answers the peer's FIN with its own FIN (written after the echoed bytes,
 * as the last frame of the stream).
 */
final class EchoStreamHandler extends ChannelInboundHandlerAdapter {
  private final AtomicLong echoedBytes;

  EchoStreamHandler(AtomicLong echoedBytes) {
    this.echoedBytes = echoedBytes;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf bytes) {
      echoedBytes.addAndGet(bytes.readableBytes());
      ctx.write(bytes);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == ChannelInputShutdownEvent.INSTANCE) {
      ctx.writeAndFlush(new DefaultQuicStreamFrame(Unpooled.EMPTY_BUFFER, true));
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // a reset or a dead connection: nothing to echo to
  }
}
