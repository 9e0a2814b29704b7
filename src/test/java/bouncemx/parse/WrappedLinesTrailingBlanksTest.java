package bouncemx.parse;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * {@link WrappedLines#join} drops the blanks at line ends: a line of blanks is an empty line, so it ends a paragraph
 * (a relay that pads lines turned Haraka's paragraphs into one, and its "Mailer program" greeting into the cause).
 */
class WrappedLinesTrailingBlanksTest {

    @Test
    void blanksAndTabsAtLineEndsAreDropped() {
        assertEquals("Hi.\n\nIntended Recipients: <a@b.example>\n\nx",
                WrappedLines.join("Hi.  \n  \nIntended Recipients: <a@b.example>\t\n \t\nx  "));
        assertEquals("    indented stays\n", WrappedLines.join("    indented stays \n"));
        assertEquals("first\nsecond", WrappedLines.join("first \nsecond"));
    }

    @Test
    void aTextWithoutThemOrCutLinesIsReturnedAsItIs() {
        String s = "550 5.1.1 user unknown\n\nno trailing blanks\n";
        assertSame(s, WrappedLines.join(s));
    }

    @Test
    void paragraphsSeparatedByALineOfBlanksAreTwo() {
        String text = WrappedLines.join("This is the mailer program at host.\n   \n<a@b.example>: 550 5.1.1 unknown\n");
        assertEquals("<a@b.example>: 550 5.1.1 unknown", TextScan.paragraphNaming(text, "a@b.example"));
    }

    @Test
    void aCutLineWithTrailingBlanksIsStillJoined() {
        String cut = "    SMTP error from remote mail server after RCPT TO:<someone@example.org>: 550  \nuser unknown\n";
        assertEquals(WrappedLines.join(cut.replace("  \n", "\n")), WrappedLines.join(cut));
    }
}
