package bouncemx.http;

import bouncemx.state.SuppressionService.View;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The lookup's whole response is what Netty's encoder writes for the response object it replaces, byte for byte. */
class LookupResponseTest {

    /** The response as the API built it before: LookupJson's body in a FullHttpResponse, through HttpResponseEncoder. */
    private static byte[] viaEncoder(View v, boolean keepAlive) {
        ByteBuf body = Unpooled.buffer();
        if (!LookupJson.write(v, body)) throw new AssertionError("LookupJson declined " + v);
        var res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (keepAlive) res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        var ch = new EmbeddedChannel(new HttpResponseEncoder());
        ch.writeOutbound(res);
        var out = new ByteArrayOutputStream();
        for (ByteBuf b; (b = ch.readOutbound()) != null; b.release()) out.writeBytes(ByteBufUtil.getBytes(b));
        ch.finishAndReleaseAll();
        return out.toByteArray();
    }

    private static byte[] whole(View v, boolean keepAlive) {
        ByteBuf b = LookupResponse.encode(PooledByteBufAllocator.DEFAULT, v, keepAlive);
        if (b == null) return null;
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    @Test
    void theSameBytesAsTheEncoderWritesForTheResponseObject() {
        Instant t = Instant.parse("2026-12-01T10:15:30.123Z");
        List<View> views = List.of(
                new View("a@example.org", false, null, 0, 7, false, null),
                new View("jürgen+\"x\"\\y@example.org", true, "hard_bounce", 3, 15, true, t),
                new View("x".repeat(300) + "@example.org", true, "manual", 123456, 7, false, Instant.EPOCH),
                new View("ü".repeat(300) + "@example.org", false, "manual_lift", 0, 7, true, t)); // 2-byte UTF-8: length in bytes
        for (View v : views) {
            for (boolean keepAlive : new boolean[]{true, false}) {
                assertArrayEquals(viaEncoder(v, keepAlive), whole(v, keepAlive), v.address() + " keep-alive " + keepAlive);
            }
        }
    }

    @Test
    void declinesWhereLookupJsonDeclines() {
        assertNull(whole(new View("a\u0001@example.org", false, null, 0, 7, false, null), true));
        assertNull(whole(new View("a@example.org", true, "bad\ncause", 0, 7, false, null), false));
    }
}
