package bouncemx.parse;

import org.junit.jupiter.api.Test;

import java.util.List;

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

    @Test
    void numericReferencesAreTheCharactersTheyName() {
        assertEquals("f.almeida@example.com couldn\u2019t be delivered",
                Html.toText("f.almeida&#64;example.com couldn&#8217;t be delivered"));
        assertEquals("a@b \uD83D\uDE00 \u00e9", Html.toText("a&#x40;b &#x1F600; &#XE9;"));
        assertEquals("x y", Html.toText("x&#160;y"));
    }

    @Test
    void referencesThatNameNothingStayAsWritten() {
        for (String s : new String[] {"&#;", "&#x;", "&#1;", "&#xD800;", "&#99999999;", "&#12a;", "&bogus;", "AT&T; ok", "& ;"}) {
            assertEquals(s, Html.toText(s), s);
        }
    }

    @Test
    void namedReferencesCoverLatin1AndTheQuotesNoticesUse() {
        assertEquals("Empf\u00e4nger \u00ab\u00bf\u00d7\u00f7\u00ff\u00ad\u00bb", Html.toText("Empf&auml;nger &laquo;&iquest;&times;&divide;&yuml;&shy;&raquo;"));
        assertEquals("\u201cRecipient\u201d \u2013 \u00c9t\u00e9\u2026", Html.toText("&ldquo;Recipient&rdquo; &ndash; &Eacute;t&eacute;&hellip;"));
    }

    @Test
    void aTableRowIsOneLine() {
        String html = "<table><tr><td>Sender Address:</td><td>news@a.example</td></tr>"
                + "<tr><td>Recipient Address:</td><td><a href=\"mailto:x@b.example\">x&#64;b.example</a></td></tr></table>";
        List<String> lines = Html.toText(html).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertEquals(List.of("Sender Address:  news@a.example", "Recipient Address:  x@b.example"), lines);
    }
}
