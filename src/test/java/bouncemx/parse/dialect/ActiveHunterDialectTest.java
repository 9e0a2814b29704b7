package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ActiveHunterDialect: its corpus family (lhost-activehunter-*), a fixture in its format, and messages that are not its own. */
class ActiveHunterDialectTest {
    private final ActiveHunterDialect dialect = new ActiveHunterDialect();

    @Test
    void decodesEveryRecipientOfActiveHunterReports() {
        DialectChecks.corpusFamily("lhost-activehunter-", "activehunter", 0.97);
    }

    @Test
    void readsTheRecipientAndItsTranscriptLine() {
        var r = DialectChecks.decode(dialect, "/dialects/activehunter/fatal.eml").get(0);
        assertEquals("bob@receiver-test.example", r.address());
        assertEquals("550", r.replyCode());
        assertEquals("5.1.1", r.status());
        assertEquals("550 5.1.1 <bob@receiver-test.example>: Recipient address rejected: User unknown", r.diagnosticText());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void withoutATranscriptTheFirstLineAfterTheListIsTheText() {
        String raw = "From: MAILER-DAEMON@ah.example\nX-AHMAILID: 0123456789\nSubject: Returned mail\n\n"
                + "  ----- The following addresses had permanent fatal errors -----\n\n>>> fay@receiver-test.example <fay@receiver-test.example>\n\n"
                + "User unknown\n";
        var r = DialectChecks.decodeText(new ActiveHunterDialect(), raw).get(0);
        assertEquals("fay@receiver-test.example", r.address());
        assertEquals("User unknown", r.diagnosticText());
    }
}
