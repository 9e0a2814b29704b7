package bouncemx.http;

import bouncemx.state.SuppressionService.View;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written lookup answer is Jackson's, byte for byte, or it declines and writes nothing. */
class LookupJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] jackson(View v) throws Exception {
        return JSON.writeValueAsBytes(v.json());
    }

    /** The bytes LookupJson writes after a prefix already in the buffer, or null when it declines. */
    private static byte[] written(View v) {
        ByteBuf buf = Unpooled.buffer(8);
        buf.writeByte('x'); // something before: the writer appends and, when it declines, leaves it as it was
        try {
            boolean ok = LookupJson.write(v, buf);
            if (!ok) {
                assertEquals(1, buf.readableBytes(), "nothing written when it declines");
                return null;
            }
            byte[] all = ByteBufUtil.getBytes(buf);
            assertEquals('x', all[0]);
            return java.util.Arrays.copyOfRange(all, 1, all.length);
        } finally {
            buf.release();
        }
    }

    @Test
    void answersAreJacksonsBytesForEveryShapeOfView() throws Exception {
        List<View> views = List.of(
                new View("jane@example.org", false, null, 0, 7, false, null),
                new View("jane@example.org", true, "hard_bounce", 3, 15, true, Instant.parse("2026-12-02T14:05:06Z")),
                new View("a.b+tag@sub.example.co.uk", true, "manual", 0, 7, false, Instant.parse("2026-12-02T14:05:06.123Z")),
                new View("x@y", false, "manual_lift", 12, 7, true, Instant.parse("1970-01-01T00:00:00.000000001Z")),
                new View("\"quoted\\local\"@example.org", true, "complaint", Integer.MAX_VALUE, Integer.MIN_VALUE, false,
                        Instant.parse("+12026-01-01T00:00:00Z")),
                new View("jürgen.müller@bücher.example", false, "delivery_success", -1, 0, true, Instant.EPOCH),
                new View("用户@例子.广告", true, "soft_bounces", 7, 7, false, Instant.ofEpochMilli(1_764_684_000_000L)),
                new View("a/b<c>&'d@example.org", false, "cause with \" and \\", 1, 2, false, null));
        for (View v : views) {
            byte[] mine = written(v);
            assertTrue(mine != null, "written: " + v);
            assertArrayEquals(jackson(v), mine, v.toString());
        }
    }

    @Test
    void textsWithControlCharactersOrSurrogatesAreLeftToJackson() {
        for (String address : new String[]{"a\nb@example.org", "a\u0000@x", "tab\t@x", "\u001f@x", "emoji\uD83D\uDE00@x",
                "lone\uD800@x", "lone\uDC00@x"}) {
            assertFalse(written(new View(address, false, null, 0, 7, false, null)) != null, address);
            assertFalse(written(new View("ok@example.org", true, address, 0, 7, false, null)) != null, "cause " + address);
        }
    }

    @Test
    void randomTextsAreJacksonsBytesOrDeclined() throws Exception {
        Random random = new Random(11);
        char[] alphabet = "abcXYZ09.@+-_\"\\/ äéßø€中文\u007f\u0080\u07ff\u0800\uffff\uD83D\uDE00\n\u0001".toCharArray();
        int written = 0;
        for (int n = 0; n < 5_000; n++) {
            String address = text(random, alphabet);
            String cause = random.nextInt(4) == 0 ? null : text(random, alphabet);
            Instant at = random.nextBoolean() ? null : Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
            View v = new View(address, random.nextBoolean(), cause, random.nextInt(100), random.nextInt(100), random.nextBoolean(), at);
            byte[] mine = written(v);
            if (mine == null) {
                assertTrue(hasControlOrSurrogate(address) || (cause != null && hasControlOrSurrogate(cause)), v.toString());
            } else {
                written++;
                assertArrayEquals(jackson(v), mine, v.toString());
            }
        }
        assertTrue(written > 1_000, "most random views are written by hand: " + written);
    }

    private static String text(Random random, char[] alphabet) {
        StringBuilder b = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            // mostly plain characters, so that most views are written by hand
            b.append(random.nextInt(30) == 0 ? alphabet[alphabet.length - 1 - random.nextInt(4)] : alphabet[random.nextInt(alphabet.length - 4)]);
        }
        return b.toString();
    }

    private static boolean hasControlOrSurrogate(String s) {
        List<Character> odd = new ArrayList<>();
        for (char c : s.toCharArray()) if (c < 0x20 || Character.isSurrogate(c)) odd.add(c);
        return !odd.isEmpty();
    }
}
