package bouncemx.http;

import bouncemx.state.SuppressionService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Writes the answer of {@code GET /api/v1/suppressions/{address}} (DESIGN.md section 6) straight into a buffer,
 * byte for byte what Jackson writes for {@link SuppressionService.View#json()}:
 * <pre>
 * {"address":"...","suppressed":BOOL,"cause":"..."|null,"soft_bounces":INT,"threshold":INT,"active":BOOL,
 *  "updated_at":"ISO-8601"|null}
 * </pre>
 * (one line, no spaces, UTF-8). Only the two characters JSON requires are escaped here ({@code "} and {@code \});
 * a text holding a control character or a UTF-16 surrogate (neither passes {@link SuppressionService#normalize}
 * nor occurs in a cause) is not written: {@link #write} says so and leaves the buffer as it was, and the caller
 * falls back to Jackson, so the bytes are always Jackson's. Stateless and thread-safe.
 */
final class LookupJson {
    private LookupJson() {
    }

    /** Appends the answer for {@code v} to {@code out}; false (nothing written) when a text needs Jackson's escapes. */
    static boolean write(SuppressionService.View v, ByteBuf out) {
        String cause = v.cause();
        if (!plain(v.address()) || (cause != null && !plain(cause))) return false;
        out.writeBytes(ADDRESS);
        string(v.address(), out);
        out.writeBytes(v.suppressed() ? SUPPRESSED_TRUE : SUPPRESSED_FALSE);
        if (cause == null) {
            out.writeBytes(NULL);
        } else {
            string(cause, out);
        }
        out.writeBytes(SOFT_BOUNCES);
        ByteBufUtil.writeAscii(out, Integer.toString(v.softBounces()));
        out.writeBytes(THRESHOLD);
        ByteBufUtil.writeAscii(out, Integer.toString(v.threshold()));
        out.writeBytes(v.active() ? ACTIVE_TRUE : ACTIVE_FALSE);
        if (v.updatedAt() == null) {
            out.writeBytes(NULL);
        } else {
            out.writeByte('"');
            ByteBufUtil.writeAscii(out, v.updatedAt().toString()); // Instant.toString is ASCII
            out.writeByte('"');
        }
        out.writeByte('}');
        return true;
    }

    /** No control character (Jackson writes {@code \n} or a six-character escape) and no surrogate (4-byte or refused). */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || Character.isSurrogate(c)) return false;
        }
        return true;
    }

    /** A quoted JSON string of a {@link #plain} text: {@code "} and {@code \} escaped, the rest as UTF-8. */
    private static void string(String s, ByteBuf out) {
        out.writeByte('"');
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                ByteBufUtil.writeUtf8(out, s, from, i);
                out.writeByte('\\');
                out.writeByte(c);
                from = i + 1;
            }
        }
        ByteBufUtil.writeUtf8(out, s, from, s.length());
        out.writeByte('"');
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static final byte[] ADDRESS = ascii("{\"address\":");
    private static final byte[] SUPPRESSED_TRUE = ascii(",\"suppressed\":true,\"cause\":");
    private static final byte[] SUPPRESSED_FALSE = ascii(",\"suppressed\":false,\"cause\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] SOFT_BOUNCES = ascii(",\"soft_bounces\":");
    private static final byte[] THRESHOLD = ascii(",\"threshold\":");
    private static final byte[] ACTIVE_TRUE = ascii(",\"active\":true,\"updated_at\":");
    private static final byte[] ACTIVE_FALSE = ascii(",\"active\":false,\"updated_at\":");
}
