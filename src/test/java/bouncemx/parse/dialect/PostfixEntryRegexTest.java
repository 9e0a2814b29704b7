package bouncemx.parse.dialect;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PostfixDialect's entry reading gives what its former whole-text regexes gave: the entry head looked at
 * (the text the rest) as the full entry regex matched whole, and {@link PostfixDialect#withoutInReply} as
 * the "(in reply to ... command)" regex replaced once.
 */
class PostfixEntryRegexTest {

    /** The definitions: the regexes as they were. */
    private static final Pattern ENTRY = Pattern.compile(
            "^<([^<>]{1,320}@[^<>]{1,255})>(?: \\(expanded from <([^<>]{0,320})>\\))?: ?(.*)$", Pattern.DOTALL);
    private static final Pattern IN_REPLY = Pattern.compile("\\s*\\(in reply to [^()]{1,40} command\\)\\s*$");

    @Property(tries = 3000, seed = "20261203")
    void withoutInReplyAsTheRegexReplacedOnce(@ForAll("replies") String s) {
        assertEquals(IN_REPLY.matcher(s).replaceFirst(""), PostfixDialect.withoutInReply(s));
    }

    @Property(tries = 3000, seed = "20261203")
    void entryHeadAsTheWholeEntryRegex(@ForAll("entries") String s) {
        Matcher whole = ENTRY.matcher(s);
        Matcher head = PostfixDialect.ENTRY_HEAD.matcher(s);
        boolean matched = whole.matches();
        assertEquals(matched, head.lookingAt(), s);
        if (matched) {
            assertEquals(whole.group(1), head.group(1));
            assertEquals(whole.group(2), head.group(2));
            assertEquals(whole.group(3), s.substring(head.end()));
        }
    }

    @Provide
    Arbitrary<String> replies() {
        // pieces of the reply tail and its neighbours, blanks of every kind and the line terminators $ knows
        Arbitrary<String> piece = Arbitraries.of("(in reply to ", "RCPT TO", " command)", "(", ")", " ", "\t", "\n", "\r",
                "\u000b", "\f", "\u2028", "\u0085", "550 5.1.1 user unknown", "x", "end of data");
        return piece.list().ofMaxSize(10).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> entries() {
        Arbitrary<String> piece = Arbitraries.of("<", ">", "@", "a", "b.example", " (expanded from <", ">)", ":", " ",
                "\n", "host mx[192.0.2.1] said: 550", "", "<a@b>", "<a@b.example>: ");
        return Combinators.combine(piece.list().ofMaxSize(10), Arbitraries.integers().between(0, 400))
                .as((l, pad) -> String.join("", l) + (pad > 330 ? "x".repeat(pad) : ""));
    }

    @Test
    void postfixReplyTails() {
        assertEquals("host mx said: 550 5.1.1 unknown",
                PostfixDialect.withoutInReply("host mx said: 550 5.1.1 unknown (in reply to RCPT TO command)"));
        assertEquals("a (in reply to RCPT TO command) b",
                PostfixDialect.withoutInReply("a (in reply to RCPT TO command) b"));
        assertEquals("a\u2028", PostfixDialect.withoutInReply("a \t(in reply to end of DATA command)\u2028"));
    }
}
