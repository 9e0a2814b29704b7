package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EinsUndEinsDialect: the lhost-einsundeins corpus family, its own fixture, and what it must leave alone. */
class EinsUndEinsDialectTest {
    private final EinsUndEinsDialect dialect = new EinsUndEinsDialect();

    @Test
    void decodesEveryRecipientOfEinsUndEinsReports() {
        DialectChecks.corpusFamily("lhost-einsundeins", "einsundeins", 0.97);
    }

    @Test
    void readsTheOneLineReplyOfTheTextCommand() {
        var r = DialectChecks.decode(dialect, "/dialects/einsundeins/text-command.eml");
        assertEquals(1, r.size());
        assertEquals("alice@rcpt-test.example", r.get(0).address());
        assertEquals("DATA", r.get(0).command());
        assertEquals("mx.rcpt-test.example", r.get(0).remoteMta());
        assertEquals("550 5.7.1 Message rejected as spam", r.get(0).diagnosticText());
        assertEquals("550", r.get(0).replyCode());
        assertEquals("5.7.1", r.get(0).status());
    }

    @Test
    void readsABareAddressAndTheTextUnderItsReasonHeading() {
        // sent by mout.kundenserver.de: the domain is matched anywhere in From, not only right after "@"
        var r = DialectChecks.decode(dialect, "/dialects/einsundeins/bare-address-size-limit.eml");
        assertEquals(1, r.size());
        assertEquals("general@example.eu", r.get(0).address());
        assertEquals("Mail size limit exceeded. For explanation visit http://postmaster.1and1.com/en/error-messages?ip=192.0.2.1",
                r.get(0).diagnosticText());
    }

    @Test
    void anEximBounceWithTheSameOpeningSentenceIsNotMine() {
        String exim = "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\nSubject: Mail delivery failed: returning message to sender\n\n"
                + "This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered"
                + " to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n"
                + "  a@b.example\n    Unrouteable address\n";
        var m = bouncemx.parse.BounceMessage.parse(exim.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(bouncemx.parse.ParseResult.NOT_MINE, dialect.parse(m));
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
