package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.Limits;
import bouncemx.parse.ParseResult;
import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** SieveRejectDialect: RFC 5429 rejects as disposition notifications, and the receipts it must leave alone. */
class SieveRejectDialectTest {
    private final SieveRejectDialect dialect = new SieveRejectDialect(Limits.DEFAULT);

    /** A Pigeonhole-shaped reject with the given disposition and text (our own wording). */
    static String mdn(String disposition, String text) {
        return """
                From: Postmaster <postmaster@lmtp-host.example>
                To: <sender@origin.example>
                Subject: Automatically rejected mail
                Auto-Submitted: auto-replied (rejected)
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=disposition-notification; boundary="b1"

                --b1
                Content-Type: text/plain; charset=utf-8

                Your message to <kim@lmtp-host.example> was automatically rejected:
                %s

                --b1
                Content-Type: message/disposition-notification

                Reporting-UA: lmtp-host.example; Dovecot Mail Delivery Agent
                Final-Recipient: rfc822; kim@lmtp-host.example
                Original-Message-ID: <m1@origin.example>
                Disposition: %s

                --b1--
                """.formatted(text, disposition);
    }

    @Test
    void anAutomaticDeletionNamesItsFinalRecipientAndSaysFiltered() {
        var r = DialectChecks.decodeText(dialect, mdn("automatic-action/MDN-sent-automatically; deleted", "Not wanted here."));
        assertEquals(1, r.size());
        assertEquals("kim@lmtp-host.example", r.get(0).address());
        assertEquals("failed", r.get(0).action());
        assertEquals(Reason.FILTERED, r.get(0).reasonHint());
    }

    /** Dovecot's LDA refusing for quota ("quota_full_tempfail = no") words it in its quota plugin's words. */
    @Test
    void theDeliveryAgentsQuotaWordsSayMailboxFull() {
        var r = DialectChecks.decodeText(dialect, mdn("automatic-action/MDN-sent-automatically; deleted",
                "Quota exceeded (mailbox for user is full)"));
        assertEquals(Reason.MAILBOX_FULL, r.get(0).reasonHint());
    }

    /** Read receipts and a person's own deletion are no failure. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "automatic-action/MDN-sent-automatically; displayed",
            "manual-action/MDN-sent-manually; displayed",
            "manual-action/MDN-sent-manually; deleted",
            "automatic-action/MDN-sent-automatically; dispatched"})
    void leavesReceiptsAlone(String disposition) {
        var m = BounceMessage.parse(mdn(disposition, "Read.").getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(ParseResult.NotMine.class, dialect.parse(m), disposition);
    }

    /** Outlook's receipt for a message deleted unread has a reject's disposition but its own Subject. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"Not read: Weekly News", "Non lu : Lettre d'information", "Nicht gelesen: Newsletter"})
    void aNotReadReceiptIsNoReject(String subject) {
        String text = mdn("automatic-action/MDN-sent-automatically; deleted", "Your message was deleted without being read.")
                .replace("Subject: Automatically rejected mail", "Subject: " + subject);
        assertInstanceOf(ParseResult.NotMine.class, dialect.parse(BounceMessage.parse(text.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void readsTheDispositionTypeWhateverItsCaseAndSpacing() {
        assertEquals(true, SieveRejectDialect.rejectedByRule("automatic-action/mdn-sent-automatically;deleted"));
        assertEquals(true, SieveRejectDialect.rejectedByRule("automatic-action/mdn-sent-automatically; deleted/error"));
        assertEquals(false, SieveRejectDialect.rejectedByRule("automatic-action/mdn-sent-automatically"));
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
