package bouncemx.classify;

import bouncemx.event.Event;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.testing.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 13, list 2 (H10): the remote server's reply code and the status, wherever an MTA writes them. Each row
 * of src/test/resources/classify/reply-codes.csv is a diagnostic text as one MTA quotes the remote reply (after
 * "said:", "told me:", "returned '", "smtp;", "<<<", on lines that each repeat the code, or not at all) with
 * the reply code and status bouncemx must report. A number that is no reply (a size, a port, an IP, a date, a
 * code inside a URL, a count of minutes) gives none, and a status never makes up a reply code.
 */
class ReplyCodesTest {
    private final Classifier classifier = Classifier.standard();

    /** The text as a dialect hands it over, without a reply code of its own: the classifier reads it. */
    @ParameterizedTest(name = "{2}")
    @CsvFileSource(resources = "/classify/reply-codes.csv", delimiter = '|', maxCharsPerColumn = 8192)
    void theClassifierReadsTheReplyAndTheStatusFromTheText(String action, String statusField, String text,
                                                           String reply, String status) {
        RecipientStatus r = RecipientStatus.builder().address("jane@example.org", "dsn").action(action)
                .status(statusField == null ? "" : statusField).diagnostic("smtp", lines(text)).build();
        Classification c = classifier.classify(r, Report.Kind.DELIVERY);
        assertEquals(reply == null ? "" : reply, c.replyCode(), "reply code");
        assertEquals(status, c.status(), "status");
    }

    /**
     * The same text as the Diagnostic-Code of an RFC 3464 report, its lines folded: the report's reader and
     * the classifier together give the same answer. (Rows without a Status field are notices' texts, not DSNs.)
     */
    @ParameterizedTest(name = "{2}")
    @CsvFileSource(resources = "/classify/reply-codes.csv", delimiter = '|', maxCharsPerColumn = 8192)
    void aDeliveryStatusReportGivesTheSame(String action, String statusField, String text, String reply, String status) {
        if (statusField == null) return;
        List<Event> events = Engine.events(dsn(action, statusField, lines(text).replace("\n", "\n ")));
        assertEquals(1, events.size(), text);
        Event e = events.get(0);
        assertEquals("jane@example.org", e.recipientAddress());
        assertEquals(reply == null ? "" : reply, e.classification().replyCode(), "reply code");
        assertEquals(status, e.classification().status(), "status");
    }

    /**
     * Issue 13, list 2: a multi-line reply whose lines each repeat the code, written into the Diagnostic-Code
     * without folding (each line at column 0, as some MTAs copy the reply): still the one field, not cut.
     */
    @ParameterizedTest(name = "{2}")
    @CsvFileSource(resources = "/classify/reply-codes.csv", delimiter = '|', maxCharsPerColumn = 8192)
    void aReplyCopiedUnfoldedIntoTheReportGivesTheSame(String action, String statusField, String text, String reply,
                                                        String status) {
        String[] ls = lines(text).split("\n");
        if (statusField == null || ls.length < 2 || reply == null) return;
        for (int i = 1; i < ls.length; i++) if (!ls[i].startsWith(reply)) return;
        Event e = Engine.events(dsn(action, statusField, lines(text))).get(0);
        assertEquals(reply, e.classification().replyCode(), "reply code");
        assertEquals(status, e.classification().status(), "status");
        assertEquals(true, e.recipient().diagnosticText().contains(ls[ls.length - 1].substring(4)), e.recipient().diagnosticText());
    }

    static String lines(String csv) {
        return csv.replace("\\n", "\n");
    }

    static byte[] dsn(String action, String status, String diagnostic) {
        String m = """
                From: Mail Delivery System <MAILER-DAEMON@mta.example.net>
                To: news@sender.example
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <dsn-1@mta.example.net>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                --b1
                Content-Type: text/plain

                This is the mail system at host mta.example.net.

                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mta.example.net

                Final-Recipient: rfc822; jane@example.org
                Action: %s
                Status: %s
                Diagnostic-Code: smtp; %s

                --b1--
                """.formatted(action, status, diagnostic);
        return m.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
