package bouncemx.parse.dialect;

import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** AmazonWorkMailDialect: the lhost-amazonworkmail corpus family, its own fixture, and what it must leave alone. */
class AmazonWorkMailDialectTest {
    private final AmazonWorkMailDialect dialect = new AmazonWorkMailDialect();

    @Test
    void decodesEveryRecipientOfAmazonWorkMailReports() {
        DialectChecks.corpusFamily("lhost-amazonworkmail", "amazonworkmail", 0.97);
    }

    @Test
    void takesTheRemoteReplyOutOfTheExpiryNotice() {
        var r = DialectChecks.decode(dialect, "/dialects/amazonworkmail/expired.eml");
        assertEquals(1, r.size());
        assertEquals("alice@rcpt-test.example", r.get(0).address());
        assertEquals("4.4.2", r.get(0).status());
        assertEquals("421", r.get(0).replyCode());
        assertEquals("421 4.4.2 Connection timed out", r.get(0).diagnosticText());
        assertEquals(Reason.EXPIRED, r.get(0).reasonHint());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
