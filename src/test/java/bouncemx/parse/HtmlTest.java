package bouncemx.parse;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HtmlTest {

    @Test
    void aLineBreakInTheSourceIsABlankAndTheTextsLinesAreItsBreaksAndBlocks() {
        String html = "<p>Your message could not\nbe delivered.<br>\n<br>\nReason: mailbox\r\nfull</p>";
        assertEquals("\nYour message could not be delivered.\n\nReason: mailbox full\n", Html.toText(html));
    }

    @Test
    void preformattedTextKeepsItsLines() {
        assertEquals("\n550 5.1.1 unknown\n    user\n", Html.toText("<pre>550 5.1.1 unknown\n    user</pre>"));
    }

    @Test
    void stylesAreDroppedAndEntitiesDecoded() {
        assertEquals("<a@b.example> & co", Html.toText("<style>p {x}</style>&lt;a@b.example&gt; &amp; co"));
    }
}
