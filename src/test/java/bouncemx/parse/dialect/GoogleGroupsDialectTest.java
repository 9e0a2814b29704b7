package bouncemx.parse.dialect;

import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GoogleGroupsDialect: the lhost-googlegroups corpus family, its own fixture, and what it must leave alone. */
class GoogleGroupsDialectTest {
    private final GoogleGroupsDialect dialect = new GoogleGroupsDialect();

    @Test
    void decodesEveryRecipientOfGoogleGroupsReports() {
        DialectChecks.corpusFamily("lhost-googlegroups", "googlegroups", 0.97);
    }

    @Test
    void takesTheGroupFromXFailedRecipientsAndSaysRejected() {
        var r = DialectChecks.decode(dialect, "/dialects/googlegroups/post-refused.eml");
        assertEquals(1, r.size());
        assertEquals("club@groups-test.example", r.get(0).address());
        assertEquals(Reason.REJECTED, r.get(0).reasonHint());
        assertTrue(r.get(0).diagnosticText().contains("may not exist"));
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
