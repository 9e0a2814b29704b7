package bouncemx.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Originals' header-line test (first letter, then the names with it, byte against byte) answers as before. */
class OriginalHeaderLineTest {

    /** The definition: every name tested ignoring case, in order, after the first-letter check. */
    private static boolean before(byte[] b, int pos, int eol) {
        if (pos >= eol || "rfmstdxc".indexOf(ByteScan.lower(b[pos])) < 0) return false;
        for (String s : Originals.STARTERS) {
            if (ByteScan.startsWithIgnoreCase(b, pos, eol, s)) {
                if (s.length() > 2) return true;
                for (int i = pos; i < eol && i < pos + 60; i++) {
                    if (b[i] == ':') return true;
                    if (b[i] == ' ') return false;
                }
                return false;
            }
        }
        return false;
    }

    @Property(tries = 3000, seed = "20261203")
    void sameAsTestingEveryName(@ForAll("lines") String line) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(before(b, 0, b.length), Originals.looksLikeOriginalHeader(b, 0, b.length), line);
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> piece = Arbitraries.of("Return-Path:", "RECEIVED:", "from:", "From", "Message-ID:", "subject:", "To:", "t",
                "Date:", "MIME-Version:", "X-", "x-Mailer:", "DKIM-Signature:", "Reply-To:", "Content-Type:", "c", " ", ":", "\u00e9",
                "the message", "smtp", "d");
        return piece.list().ofMaxSize(4).map(l -> String.join("", l));
    }
}
