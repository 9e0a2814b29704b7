package bouncemx.parse;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * {@link TextScan#withoutTrailingBlanks}: a line of blanks is an empty line, so it ends a paragraph (a relay that
 * pads lines turned Haraka's paragraphs into one, and its "Mailer program" greeting into the cause).
 */
class TextScanTrailingBlanksTest {

    @Test
    void blanksAndTabsAtLineEndsAreDropped() {
        assertEquals("Hi.\n\nIntended Recipients: <a@b.example>\n\nx",
                TextScan.withoutTrailingBlanks("Hi.  \n  \nIntended Recipients: <a@b.example>\t\n \t\nx  "));
        assertEquals("    indented stays\n", TextScan.withoutTrailingBlanks("    indented stays \n"));
    }

    @Test
    void aTextWithoutThemIsReturnedAsItIs() {
        String s = "550 5.1.1 user unknown\n\nno trailing blanks\n";
        assertSame(s, TextScan.withoutTrailingBlanks(s));
    }

    @Test
    void paragraphsSeparatedByALineOfBlanksAreTwo() {
        String text = TextScan.withoutTrailingBlanks("This is the mailer program at host.\n   \n<a@b.example>: 550 5.1.1 unknown\n");
        assertEquals("<a@b.example>: 550 5.1.1 unknown", TextScan.paragraphNaming(text, "a@b.example"));
    }
}
