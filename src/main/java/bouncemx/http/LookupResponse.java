package bouncemx.http;

import bouncemx.state.SuppressionService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;

/**
 * The whole HTTP/1.1 response to a lookup that succeeded ({@code 200}, {@code GET /api/v1/suppressions/{address}}), in
 * one buffer: byte for byte what Netty's response encoder writes for the {@code FullHttpResponse} the API would
 * otherwise build (status line; {@code content-type: application/json; charset=utf-8}, {@code content-length} and,
 * on a keep-alive connection, {@code connection: keep-alive}; then the JSON of {@link LookupJson}). Built in place,
 * it spares the lookup the response object, its header map, the encoder's header buffer and a second buffer for the
 * socket's gathering write (bench/README.md). Stateless and thread-safe.
 */
final class LookupResponse {
    private LookupResponse() {
    }

    private static final byte[] HEAD = ascii("HTTP/1.1 200 OK\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ");
    private static final byte[] END_KEEP_ALIVE = ascii("\r\nconnection: keep-alive\r\n\r\n");
    private static final byte[] END = ascii("\r\n\r\n");
    /** Room for the content-length's digits (an int). */
    private static final int DIGITS = 10;

    /**
     * The response in a new buffer from {@code alloc} (the caller writes it, which releases it), or null when
     * {@link LookupJson} declines the view (a text that needs Jackson's escapes).
     */
    static ByteBuf encode(ByteBufAllocator alloc, SuppressionService.View v, boolean keepAlive) {
        byte[] end = keepAlive ? END_KEEP_ALIVE : END;
        int room = HEAD.length + DIGITS + end.length; // the head goes before the body once its length is known
        ByteBuf out = alloc.ioBuffer(room + 192 + 3 * v.address().length());
        try {
            out.writerIndex(room);
            if (!LookupJson.write(v, out)) {
                out.release();
                return null;
            }
            byte[] length = Integer.toString(out.writerIndex() - room).getBytes(StandardCharsets.US_ASCII);
            int at = room - end.length - length.length - HEAD.length;
            out.setBytes(at, HEAD);
            out.setBytes(at + HEAD.length, length);
            out.setBytes(at + HEAD.length + length.length, end);
            out.readerIndex(at);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
