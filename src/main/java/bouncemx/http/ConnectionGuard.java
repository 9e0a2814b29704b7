package bouncemx.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds what one HTTP client can hold (the HTTP side's share of issue 9): at most {@code maxConnections}
 * open at once (one more is closed at once); a client that does not read its responses stops being read
 * (auto-read is off while the channel's outbound buffer is above its high watermark, so pipelined requests
 * cannot pile up responses in memory); and a connection on which nothing moves, in or out, for the idle time
 * is closed (the {@link io.netty.handler.timeout.IdleStateHandler} before this one raises the event; a write
 * that does not drain counts as nothing moving). One instance serves every connection. Thread-safe.
 */
@ChannelHandler.Sharable
final class ConnectionGuard extends ChannelDuplexHandler {
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionGuard(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > maxConnections) {
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        open.decrementAndGet();
        super.channelInactive(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    int open() {
        return open.get();
    }
}
