package bouncemx.parse;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link TextScan#fieldLine}, {@link TextScan#fieldValue}: a field line in a text, in any case, "Name: v" or "Name : v". */
class TextScanFieldTest {

    private static final String TEXT = "Your message was not delivered.\n\nreporting-mta : dns; gw.example\n"
            + "Final-Recipient:rfc822; a@b.example\nStatus\t: 5.1.1\nFinal-Recipient-Extra: no\n";

    @Test
    void aFieldOpensItsLineWithOrWithoutBlanksBeforeTheColon() {
        assertEquals(TEXT.indexOf("reporting-mta"), TextScan.fieldLine(TEXT, "reporting-mta", 0));
        assertEquals(TEXT.indexOf("Final-Recipient:"), TextScan.fieldLine(TEXT, "final-recipient", 0));
        assertEquals(TEXT.indexOf("Status"), TextScan.fieldLine(TEXT, "status", 0));
        assertEquals("dns; gw.example", TextScan.fieldValue(TEXT, "reporting-mta"));
        assertEquals("5.1.1", TextScan.fieldValue(TEXT, "status"));
    }

    @Test
    void aLongerNameOrAWordInASentenceIsNoField() {
        assertEquals(-1, TextScan.fieldLine(TEXT, "final-recipient", TEXT.indexOf("Status")));   // only "-Extra" after it
        assertEquals(-1, TextScan.fieldLine(TEXT, "message", 0));   // "message" is inside a sentence
        assertEquals(-1, TextScan.fieldColonAt("Status report follows: none", 0, "status"));
        assertEquals("", TextScan.fieldValue(TEXT, "action"));
    }
}
