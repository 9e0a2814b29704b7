package bouncemx.parse.dialect;

import bouncemx.testing.Engine;
import bouncemx.testing.Samples;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SmailDialect: Smail 3 and Deutsche Telekom's Smail-derived reports (no corpus family: fixtures written
 * from the notify.c format), and messages that are not its own.
 */
class SmailDialectTest {
    private final SmailDialect dialect = new SmailDialect();

    @Test
    void readsTelekomsAddressAndTheReplyUnderIt() {
        var r = DialectChecks.decode(dialect, "/dialects/smail/telekom-quota.eml").get(0);
        assertEquals("someone@t-online.de", r.address());
        assertEquals("552 5.2.2 <someone@t-online.de> Quota exceeded (mailbox for user is full)", r.diagnosticText());
        assertEquals("5.2.2", r.status());
        assertEquals("552", r.replyCode());
        var e = Engine.events(Samples.bytes("dialects/smail/telekom-quota.eml")).get(0);
        assertEquals("mailboxfull", e.classification().reason().wireName());
        assertEquals("<w3@sender.example>", e.original().messageId());
    }

    @Test
    void readsSmailsOneLineErrors() {
        var r = DialectChecks.decode(dialect, "/dialects/smail/smail3-unknown-host.eml").get(0);
        assertEquals("kim@mail.unreachable.example", r.address());
        assertEquals("unknown host", r.diagnosticText());
        var e = Engine.events(Samples.bytes("dialects/smail/smail3-unknown-host.eml")).get(0);
        assertEquals("hostunknown", e.classification().reason().wireName());
        assertEquals(true, e.classification().hard());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
