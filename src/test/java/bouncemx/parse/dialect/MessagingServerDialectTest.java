package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MessagingServerDialectTest {
    private final MessagingServerDialect dialect = new MessagingServerDialect();

    @Test
    void decodesEveryRecipientOfMessagingServerReportsInTheCorpus() {
        DialectChecks.corpusFamily("lhost-messagingserver", "messagingserver", 0.97);
    }

    @Test
    void readsItsOwnFixture() {
        var r = DialectChecks.decode(dialect, "/dialects/messagingserver/rejected.eml");
        assertEquals(1, r.size());
        assertEquals("bob@rcpt-test.example", r.get(0).address());
        assertEquals("5.1.1", r.get(0).status());
        assertEquals("", r.get(0).command(), "\"has rejected address\" names no SMTP command");
        assertEquals("mx.rcpt-test.example", r.get(0).remoteMta());
        assertEquals("550 5.1.1 <bob@rcpt-test.example>... User unknown", r.get(0).diagnosticText());
    }

    @Test
    void leavesOtherMessagesAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void aSourceRoutedRecipientAddressGivesWayToTheOriginalAddress() {
        String raw = "From: Internet Mail Delivery <postmaster@ms-test.example>\nSubject: Delivery Notification: Delivery has failed\n\n"
                + "This report relates to a message you sent with the following header fields:\n\n  Subject: Weekly\n\n"
                + "Your message cannot be delivered to the following recipients:\n\n"
                + "  Recipient address: @smtp.ms-test.example:oli@server\n  Original address: oli@receiver-test.example\n"
                + "  Reason: Illegal host/domain name found\n";
        var r = DialectChecks.decodeText(new MessagingServerDialect(), raw);
        assertEquals(1, r.size());
        assertEquals("oli@receiver-test.example", r.get(0).address());
        assertEquals("Illegal host/domain name found", r.get(0).diagnosticText());
    }
}
