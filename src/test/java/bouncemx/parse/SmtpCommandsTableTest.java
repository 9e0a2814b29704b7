package bouncemx.parse;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SmtpCommandsTableTest {

    private static final SmtpCommands.Table TABLE = SmtpCommands.table(
            "end of data", "DATA", "rcpt to", "RCPT", "data", "DATA", "mail from", "MAIL");

    @Test
    void inGivesTheFirstListedRowWhosePhraseTheTextContains() {
        assertEquals("DATA", TABLE.in("after rcpt to ... after end of data"));
        assertEquals("RCPT", TABLE.in("550 refused after rcpt to:<a@b>"));
        assertEquals("", TABLE.in("no command here"));
        assertEquals("", TABLE.in(null));
    }

    @Test
    void earliestGivesThePhraseThatComesFirstInTheText() {
        assertEquals("MAIL", TABLE.earliest("mail from refused, then rcpt to"));
        assertEquals("RCPT", TABLE.earliest("rcpt to refused, then mail from"));
    }

    @Test
    void latestGivesThePhraseWhoseLastMentionIsLast() {
        assertEquals("DATA", TABLE.latest("mail from ok; rcpt to ok; data"));
        assertEquals("RCPT", TABLE.latest("mail from ok; rcpt to refused"));
    }

    @Test
    void atStartMatchesPrefixesOnly() {
        assertEquals("RCPT", TABLE.atStart("rcpt to:<a@b>"));
        assertEquals("", TABLE.atStart("x rcpt to"));
    }

    @Test
    void asWordMatchesWholeWordsOnly() {
        var t = SmtpCommands.table("RCPT TO", "RCPT", "DATA", "DATA", "CONNECT", "CONN");
        assertEquals("DATA", t.asWord("550 REJECTED AFTER FINAL DATA"));
        assertEquals("DATA", t.asWord("DATA SEND FAILED"));
        assertEquals("RCPT", t.asWord("RCPT TO:<A@B> REFUSED; DATA"));
        assertEquals("", t.asWord("DATABASE ERROR"));
        assertEquals("", t.asWord("METADATA"));
        assertEquals("", t.asWord("RECONNECTED"));
        assertEquals("CONN", t.asWord("CONNECT FAILED"));
        assertEquals("", t.asWord(null));
    }

    @Test
    void aRowNamingNoSmtpCommandFailsWhenTheTableIsBuilt() {
        assertThrows(IllegalArgumentException.class, () -> SmtpCommands.table("rcpt to", "RCTP"));
        assertThrows(IllegalArgumentException.class, () -> SmtpCommands.table("rcpt to"));
    }

    @Test
    void thenAppendsRowsAfterTheTablesOwn() {
        var t = SmtpCommands.IN_REPLY_TO.then("while sending rcpt to", "RCPT");
        assertEquals("RCPT", t.in("while sending rcpt to"));
        assertEquals("DATA", t.in("(in reply to end of data command)"));
    }

    /** The phrasings around a quoted reply that name the refused command, Yahoo's tag after the reply among them. */
    @Test
    void findNamesTheCommandTheTextSaysWasRefused() {
        assertEquals("RCPT", SmtpCommands.find("host mx said: 550 5.1.1 no such user (in reply to RCPT TO command)"));
        assertEquals("RCPT", SmtpCommands.find("Remote host said:\n550 5.2.1 <a@b.example>... User Unknown\n[RCPT_TO]"));
        assertEquals("MAIL", SmtpCommands.find("Remote host said:\n553 sender rejected\n[MAIL_FROM]"));
        assertEquals("", SmtpCommands.find("Remote host said:\n550 5.2.1 User Unknown"));
    }
}
