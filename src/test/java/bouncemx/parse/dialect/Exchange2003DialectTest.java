package bouncemx.parse.dialect;

import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Exchange2003DialectTest {
    private final Exchange2003Dialect dialect = new Exchange2003Dialect();

    @Test
    void decodesEveryRecipientOfExchange2003ReportsInTheCorpus() {
        DialectChecks.corpusFamily("lhost-exchange2003", "exchange2003", 0.97);
    }

    @Test
    void readsItsOwnFixture() {
        var r = DialectChecks.decode(dialect, "/dialects/exchange2003/unknown-recipient.eml");
        assertEquals(1, r.size());
        assertEquals("bob@corp-test.example", r.get(0).address());
        assertEquals("The recipient name is not recognized (000C05A6) Unknown Recipient", r.get(0).diagnosticText());
        assertEquals("", r.get(0).status());
    }

    @Test
    void leavesOtherMessagesAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void readsTheNativeCannotBeReachedWordingAndExchangesErrorCodes() {
        String raw = "From: System Administrator <postmaster@ex2003-test.example>\nX-MS-Embedded-Report: \n"
                + "Subject: Undeliverable: Weekly\n\nYour message\n\n  To:      kim@receiver-test.example\n  Subject: Weekly\n"
                + "  Sent:    Tue, 3 Nov 2026 12:00:00 +0100\n\nThe following recipient(s) cannot be reached:\n\n"
                + "      kim@receiver-test.example on Tue, 3 Nov 2026 12:00:05 +0100\n"
                + "            The e-mail system was unable to deliver the message\n"
                + "            <ex01.ex2003-test.example #5.7.1>\n"
                + "            MSEXCH:IMS:ORG:SITE:EX01 0 (000C0595) Ambiguous recipient\n";
        var r = DialectChecks.decodeText(new Exchange2003Dialect(), raw).get(0);
        assertEquals("kim@receiver-test.example", r.address());
        assertEquals(Reason.FILTERED, r.reasonHint());
        assertEquals("5.7.1", r.status());
    }
}
