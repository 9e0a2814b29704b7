package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** X1Dialect: its corpus family (lhost-x1-*), a fixture in its format, and messages that are not its own. */
class X1DialectTest {
    private final X1Dialect dialect = new X1Dialect();

    @Test
    void decodesEveryRecipientOfX1Reports() {
        DialectChecks.corpusFamily("lhost-x1-", "x1", 0.97);
    }

    @Test
    void readsEachAddressWithItsBracketedReason() {
        var rs = DialectChecks.decode(dialect, "/dialects/x1/errors.eml");
        assertEquals(2, rs.size());
        assertEquals("bob@receiver-test.example", rs.get(0).address());
        assertEquals("User unknown", rs.get(0).diagnosticText());
        assertEquals("carol@receiver-test.example", rs.get(1).address());
        assertEquals("Mailbox full", rs.get(1).diagnosticText());
        assertNull(rs.get(1).reasonHint());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void aReturnedMailSubjectAndAnotherTightHeadingAreX1ButSendmailsSpacedHeadingIsNot() {
        String x1 = "From: postmaster@x1-test.example\nSubject: Returned Mail: User unknown\n\n"
                + "---The following addresses had errors---\n\npat@receiver-test.example [User unknown]\n";
        assertEquals("pat@receiver-test.example", DialectChecks.decodeText(new X1Dialect(), x1).get(0).address());
        String sendmail = "From: Mail Delivery Subsystem <MAILER-DAEMON@mx-test.example>\nSubject: Returned mail: see transcript for details\n\n"
                + "   ----- The following addresses had permanent fatal errors -----\n<pat@receiver-test.example>\n"
                + "    (reason: 550 5.1.1 User unknown) [mx.receiver-test.example]\n";
        assertEquals(bouncemx.parse.ParseResult.NOT_MINE,
                new X1Dialect().parse(bouncemx.parse.BounceMessage.parse(sendmail.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }
}
