package bouncemx.parse.dialect;

import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DragonFlyDialect: its corpus family (lhost-dragonfly-*), a fixture in its format, and messages that are not its own. */
class DragonFlyDialectTest {
    private final DragonFlyDialect dialect = new DragonFlyDialect();

    @Test
    void decodesEveryRecipientOfDragonFlyReports() {
        DialectChecks.corpusFamily("lhost-dragonfly-", "dragonfly", 0.97);
    }

    @Test
    void joinsAMultiLineReplyAndNamesTheCommand() {
        var r = DialectChecks.decode(dialect, "/dialects/dragonfly/multiline-data.eml").get(0);
        assertEquals("bob@receiver-test.example", r.address());
        assertEquals("DATA", r.command());
        assertEquals("550", r.replyCode());
        assertEquals("5.7.1", r.status());
        assertEquals("mx1.receiver-test.example", r.remoteMta());
        assertEquals("550 5.7.1 Message rejected because it looks like bulk mail from an unknown sender. "
                + "Please contact the postmaster.", r.diagnosticText());
    }

    @Test
    void readsTheQueueLifetimeNoticeAsExpired() {
        var r = DialectChecks.decode(dialect, "/dialects/dragonfly/expired.eml").get(0);
        assertEquals("carol@slow-test.example", r.address());
        assertEquals(Reason.EXPIRED, r.reasonHint());
        assertEquals("Could not deliver for the last 432000 seconds. Giving up.", r.diagnosticText());
        assertEquals("", r.command());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    /** Its template under a Subject of a site's or gateway's own, from a mail system (not from a person). */
    @Test
    void readsItsTemplateUnderAnotherSubjectFromAMailSystem() {
        DialectChecks.readsItsTextUnderAnySubject(dialect, "/dialects/dragonfly/expired.eml", true);
    }
}
