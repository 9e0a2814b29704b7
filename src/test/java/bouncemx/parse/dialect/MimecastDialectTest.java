package bouncemx.parse.dialect;

import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** MimecastDialect: its corpus family (lhost-mimecast-*), a fixture in its format, and messages that are not its own. */
class MimecastDialectTest {
    private final MimecastDialect dialect = new MimecastDialect();

    @Test
    void decodesEveryRecipientOfMimecastReports() {
        DialectChecks.corpusFamily("lhost-mimecast-", "mimecast", 0.97);
    }

    @Test
    void readsTheAdditionalInformationAsTheDiagnostic() {
        var r = DialectChecks.decode(dialect, "/dialects/mimecast/failure.eml").get(0);
        assertEquals("bob@receiver-test.example", r.address());
        assertEquals("550 5.1.1 <bob@receiver-test.example>: Recipient address rejected: User unknown in virtual mailbox table",
                r.diagnosticText());
        assertEquals("5.1.1", r.status());
        assertEquals(Reason.USER_UNKNOWN, r.reasonHint());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void readsTheDashEntriesWhateverTheHeadingsSay() {
        // reworded headings, no X-Mimecast header: the ".mimecast.lan" Message-ID and the "-- " entries
        var r = DialectChecks.decode(new MimecastDialect(), "/dialects/mimecast/reworded.eml");
        assertEquals(1, r.size());
        assertEquals("carol@receiver-test.example", r.get(0).address());
        assertEquals("The recipient server refused the address 550 5.1.1 <carol@receiver-test.example>: Recipient address rejected: User unknown",
                r.get(0).diagnosticText());
        assertEquals("5.1.1", r.get(0).status());
    }
}
