package bouncemx.parse.dialect;

import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** KddiDialect: its corpus family (lhost-kddi-*), a fixture in its format, and messages that are not its own. */
class KddiDialectTest {
    private final KddiDialect dialect = new KddiDialect();

    @Test
    void decodesEveryRecipientOfKddiReports() {
        DialectChecks.corpusFamily("lhost-kddi-", "kddi", 0.97);
    }

    @Test
    void readsTheRecipientAndTheMailboxFullNotice() {
        var r = DialectChecks.decode(dialect, "/dialects/kddi/full.eml").get(0);
        assertEquals("bob@phone-test.example", r.address());
        assertEquals("As their mailbox is full.", r.diagnosticText());
        assertEquals(Reason.MAILBOX_FULL, r.reasonHint());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void anAuRelayInReceivedIsEnoughAndTheTextMayGoOnAfterABlankLine() {
        String raw = "From: postmaster@mail-test.example\nReceived: from mx.au.com (mx.au.com [192.0.2.3]) by relay-test.example\n"
                + "Subject: Mail error\n\nYour mail sent on: Tue, 3 Nov 2026 12:00:00 +0900\n"
                + "     Could not be delivered to: <sue@receiver-test.example>\n\n     As their mailbox is full.\n";
        var r = DialectChecks.decodeText(new KddiDialect(), raw).get(0);
        assertEquals("sue@receiver-test.example", r.address());
        assertEquals(Reason.MAILBOX_FULL, r.reasonHint());
    }
}
