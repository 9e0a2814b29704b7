package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class PlainTextDialectTest {
    private final PlainTextDialect dialect = new PlainTextDialect();

    private static BounceMessage message(String from, String subject, String body) {
        String raw = "From: " + from + "\nTo: bounces@bounce.example\nSubject: " + subject + "\n\n" + body;
        return BounceMessage.parse(raw.getBytes(StandardCharsets.UTF_8));
    }

    private List<RecipientStatus> recipients(ParseResult r) {
        return assertInstanceOf(ParseResult.Decoded.class, r).report().recipients();
    }

    @Test
    void eachAddressTakesTheLinesUnderItUpToABlankLineOrAnotherAddress() {
        var r = recipients(dialect.parse(message("MAILER-DAEMON@mx.example", "Message undeliverable: Weekly", """
                The following recipient(s) could not be reached:

                a@one.example
                   Remote server replied: 550 5.1.1 <a@one.example>: no such user
                b@two.example
                   Remote server replied: 552 5.2.2 mailbox full

                Thanks.
                """)));
        assertEquals(2, r.size());
        assertEquals("a@one.example", r.get(0).address());
        assertEquals("a@one.example Remote server replied: 550 5.1.1 <a@one.example>: no such user", r.get(0).diagnosticText());
        assertEquals("550", r.get(0).replyCode());
        assertEquals("b@two.example Remote server replied: 552 5.2.2 mailbox full", r.get(1).diagnosticText());
        assertEquals("552", r.get(1).replyCode());
    }

    @Test
    void claimsOnlyMailSystemSendersWithABounceSubject() {
        String body = "a@one.example\n  Remote server replied: 550 no such user\n";
        assertInstanceOf(ParseResult.Decoded.class, dialect.parse(message("postmaster@mx.example", "Undeliverable: Weekly", body)));
        assertInstanceOf(ParseResult.Decoded.class, dialect.parse(message("postmaster@mx.example", "Message undeliverable: Weekly", body)));
        // the phrase inside a quoted subject, a person as sender, an ordinary subject: not a bounce
        assertSame(ParseResult.NOT_MINE, dialect.parse(message("postmaster@mx.example", "Re: undeliverable mail again", body)));
        assertSame(ParseResult.NOT_MINE, dialect.parse(message("jane@mx.example", "Undeliverable: Weekly", body)));
        assertSame(ParseResult.NOT_MINE, dialect.parse(message("postmaster@mx.example", "Weekly report", body)));
    }

    /**
     * A mail system's notice under a Subject no list holds is still read when its text says, in an MTA's own words,
     * that the message failed; the same words from a person, or a mail system's text without them, are not a bounce.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "   ----- Transcript of session follows -----\n550 a@one.example... User unknown\n",
            "    After 12 days (288 hours), your message could not be\n    fully delivered.  It was intended for:\n    a@one.example\n",
            "Your message\n  Subject: Weekly\ndid not reach the following recipient(s):\na@one.example\n   no such user\n",
            "Failed to deliver to '<a@one.example>'\nSMTP module(domain one.example) reports:\n unknown user\n",
            "There was an error delivering your mail to <a@one.example>.\nno such user\n",
            "Not delivered to recipient a@one.example\n   ** Reason: 550 Unknown local user\n",
            "Hello,\n\nthe address a@one.example no longer exists at our company.\n",
            "Your message to a@one.example has been blocked by our spam filter.\n",
            // Danish, Finnish, Hungarian, Romanian and Greek notices
            "Din besked kunne ikke leveres til følgende modtager:\n\na@one.example\nBrugeren findes ikke.\n",
            "Viestiäsi ei voitu toimittaa seuraavalle vastaanottajalle:\n\na@one.example\nKäyttäjää ei ole olemassa.\n",
            "Az üzenetet nem sikerült kézbesíteni a következő címzettnek:\n\na@one.example\nIsmeretlen felhasználó.\n",
            "Mesajul dumneavoastră nu a putut fi livrat către:\n\na@one.example\nUtilizator necunoscut.\n",
            "Το μήνυμά σας δεν ήταν δυνατό να παραδοθεί στον παραλήπτη:\n\na@one.example\nΆγνωστος χρήστης.\n"})
    void readsAMailSystemsNoticeByItsOwnWordsUnderAnySubject(String body) {
        var r = recipients(dialect.parse(message("MAILER-DAEMON@mx.example", "Notification", body)));
        assertEquals("a@one.example", r.get(0).address());
        assertSame(ParseResult.NOT_MINE, dialect.parse(message("jane@mx.example", "Notification", body)));
        assertSame(ParseResult.NOT_MINE, dialect.parse(message("MAILER-DAEMON@mx.example", "Notification",
                "Your mailbox a@one.example is at 90% of its quota.\n")));
    }

    /** A line naming the sender and then the recipient ("Message from a@b to c@d ...") names the recipient; the sender alone, nobody. */
    @ParameterizedTest
    @ValueSource(strings = {"Message from news@shop.example to joe@far.example could not be delivered.\n",
            "Your mail from <news@shop.example> to <joe@far.example> was refused: 550 5.1.1 unknown user.\n",
            "Mail sent by news@shop.example to: joe@far.example was not delivered.\n"})
    void aLineNamingTheSenderThenTheRecipientNamesTheRecipient(String body) {
        var r = recipients(dialect.parse(message("postmaster@far.example", "Delivery failure", body)));
        assertEquals(List.of("joe@far.example"), r.stream().map(RecipientStatus::address).toList());
        assertInstanceOf(ParseResult.Undecodable.class, dialect.parse(message("postmaster@far.example", "Delivery failure",
                "Your message from news@shop.example could not be delivered.\n")));
    }

    /** An address line that goes on with the sentence above it takes that sentence into its entry. */
    @Test
    void theSentenceThatBeganAboveTheAddressIsPartOfItsEntry() {
        var r = recipients(dialect.parse(message("postmaster@far.example", "Nondeliverable mail",
                "Your message was not delivered because the destination address was\nnot found: joe@far.example\n")));
        assertEquals("Your message was not delivered because the destination address was not found: joe@far.example",
                r.get(0).diagnosticText());
        // a sentence that ended above is not
        r = recipients(dialect.parse(message("postmaster@far.example", "Nondeliverable mail",
                "Your message was not delivered.\njoe@far.example: mailbox full\n")));
        assertEquals("joe@far.example: mailbox full", r.get(0).diagnosticText());
    }

    /**
     * A contact or sender named on a recipient's line after it is not the recipient, and the line still names the
     * recipient; a line naming only the sender ("sent from a@b") names nobody.
     */
    @Test
    void aContactOrSenderAfterTheRecipientOnItsLineIsNoRecipient() {
        var r = recipients(dialect.parse(message("MAILER-DAEMON@mx.far.example", "Undelivered mail",
                "The message to joe@far.example (via relay mx2.far.example, contact hostmaster@far.example) failed: 550 5.1.1 unknown\n")));
        assertEquals(List.of("joe@far.example"), r.stream().map(RecipientStatus::address).toList());
        r = recipients(dialect.parse(message("MAILER-DAEMON@mx.far.example", "Delivery failure",
                "Mail for <joe@far.example> could not be delivered: mailbox unavailable.\n"
                        + "Your original message was sent from news@sender.example at 10:00.\n")));
        assertEquals(List.of("joe@far.example"), r.stream().map(RecipientStatus::address).toList());
    }

    /** A notice naming nobody takes the returned original's To, and its own first paragraph says why. */
    @Test
    void aNoticeNamingNobodyGivesItsFirstParagraphAsTheReason() {
        var r = recipients(dialect.parse(message("postmaster@far.example", "Undeliverable",
                "The user does not exist.\n\n----- Original message -----\nFrom: news@sender.example\nTo: joe@far.example\n"
                        + "Subject: December offers\nDate: Tue, 1 Dec 2026 09:00:00 +0000\n\nHello\n")));
        assertEquals("joe@far.example", r.get(0).address());
        assertEquals("The user does not exist.", r.get(0).diagnosticText());
    }

    /** Messaging Server's delay notice without its DSN part: its Subject and "still awaiting delivery" make it a delay. */
    @Test
    void aMessagingServerDelayNoticeIsADelay() {
        var r = recipients(dialect.parse(message("MAILER-DAEMON@mx.sender.example", "Delivery Notification: Delivery has been delayed",
                "Your message has been delayed and is still awaiting delivery\nto the following recipient(s):\n\n  joe@far.example\n"
                        + "    Message delayed\n")));
        assertEquals("joe@far.example", r.get(0).address());
        assertEquals("delayed", r.get(0).action());
    }

    @Test
    void aReplyCodeIsTakenOnlyWhereTheTextQuotesTheServer() {
        assertEquals("550", PlainTextDialect.quotedReplyCode("x@y.example\nRemote host said: 550 5.1.1 unknown"));
        assertEquals("", PlainTextDialect.quotedReplyCode("x@y.example sent 550 messages"));
        // written alone before a colon or in brackets after a lead-in or label (Yahoo's "550: : User unknown")
        assertEquals("550", PlainTextDialect.quotedReplyCode("x@y.example\nRemote server said: 550: User unknown"));
        assertEquals("550", PlainTextDialect.replyCode("x@y.example\nReason: [550] no such user", "x@y.example"));
        assertEquals("550", PlainTextDialect.replyCode("x@y.example\nReason: (550) no such user", "x@y.example"));
        assertEquals("", PlainTextDialect.replyCode("x@y.example\nReason: (550 messages sent today)", "x@y.example"));
    }

    /**
     * Help, support and disclaimer lines name no recipient, but a failure line that happens to contain their words
     * does ("Email user unknown", "mail user"), and a list separated by blank lines keeps every recipient when no entry
     * of it explains itself.
     */
    @Test
    void footLinesNameNoRecipientButFailureLinesWithTheirWordsStill() {
        var r = recipients(dialect.parse(message("MAILER-DAEMON@mx.example", "Undeliverable: Weekly", """
                Email user unknown: a@one.example

                Need help? desk@mx.example
                Visit our FAQ or email us: faq@mx.example
                """)));
        assertEquals(List.of("a@one.example"), r.stream().map(RecipientStatus::address).toList());
        var list = recipients(dialect.parse(message("MAILER-DAEMON@mx.example", "Undeliverable: Weekly", """
                These recipients could not be reached:

                a@one.example

                b@two.example
                """)));
        assertEquals(List.of("a@one.example", "b@two.example"), list.stream().map(RecipientStatus::address).toList());
    }

    /**
     * The paragraph under an entry that introduces the next one (a lead-in that ends in a colon: "... rejected the
     * message with the following response:", "... refused by the recipient's domain content policy during delivery:")
     * gives the server's reply under it to the entry, and a reply there that names the notice's own addresses (the
     * sender's, "Sender address rejected") still belongs to it; a reply naming another recipient does not.
     */
    @Test
    void theServersReplyUnderALeadInBelongsToTheEntry() {
        var response = recipients(dialect.parse(message("MAILER-DAEMON@relay.example", "Delivery failure", """
                Your message could not be delivered.

                  Recipient:       kim@far.example
                  Event:           failed (permanent)

                The recipient's mail server (mx1.far.example [192.0.2.14]) rejected
                the message with the following response:

                    550 5.1.1 The email account that you tried to reach does not exist.
                """)));
        assertEquals("550", response.get(0).replyCode());
        var policy = recipients(dialect.parse(message("MAILER-DAEMON@relay.example", "Undeliverable mail", """
                Your message could not be delivered to the following recipient:

                    bob@far.example

                The message was refused by the recipient's domain content policy
                during delivery:

                    554 5.7.1 Message rejected: bulk mail is not permitted
                """)));
        assertEquals("554", policy.get(0).replyCode());
        var sender = recipients(dialect.parse(message("MAILER-DAEMON@far.example", "Undelivered Mail", """
                Your message could not be delivered to:

                    zhang@far.example

                Reason: the sender was refused.
                554 5.7.1 <bounces@bounce.example>: Sender address rejected: Access denied
                """)));
        assertEquals("554", sender.get(0).replyCode());
        var other = recipients(dialect.parse(message("MAILER-DAEMON@far.example", "Undelivered Mail", """
                Delivery failed for:

                carol@far.example

                550 5.1.1 <bob@far.example>: Recipient address rejected: User unknown
                """)));
        assertEquals("", other.stream().filter(x -> x.address().equals("carol@far.example")).findFirst().orElseThrow().replyCode());
    }

    /** A message's token or ID names no recipient ("Message Token: Qm7x@kq83ns", "Original Message ID: <id@host>"). */
    @Test
    void aMessageTokenOrIdLineNamesNoRecipient() {
        var r = recipients(dialect.parse(message("MAILER-DAEMON@relay.example", "Mail Delivery Failed", """
                The message you've sent cannot be delivered to joe@far.example.

                Message Token: Qm7xT2vK9pLw@kq83ns
                Original Message ID: <po.3c6e@letters.example>
                """)));
        assertEquals(List.of("joe@far.example"), r.stream().map(RecipientStatus::address).toList());
    }

    /** A postmaster's own words that the mailbox is gone make a notice under any Subject ("Re: ..."). */
    @Test
    void aPostmasterSayingTheMailboxWasDeletedWritesANotice() {
        var r = recipients(dialect.parse(message("postmaster@firm.example", "Re: Your March digest", """
                Hello,

                the user jan@firm.example left us at the end of last year and
                his mailbox has been deleted. Please remove this address from your list.
                """)));
        assertEquals(List.of("jan@firm.example"), r.stream().map(RecipientStatus::address).toList());
        assertSame(ParseResult.NOT_MINE, dialect.parse(message("postmaster@firm.example", "Re: Your March digest",
                "Hello,\n\nplease send the invoice to jan@firm.example.\n")));
    }

    /** A Message-ID cut from its label by a re-wrap ("*  Message-ID:" / "&lt;id@host&gt;") names no recipient. */
    @Test
    void aMessageIdCutFromItsLabelNamesNoRecipient() {
        var r = recipients(dialect.parse(message("MDaemon@relay.example", "Warning: message delivery delayed", """
                The message you sent to <rosa@far.example> has not yet been delivered.

                ----- Session Transcript -----
                 Wed 2025-03-12 12:00:31: *  Message-ID:
                <md.8c1e@letters.example>
                 Wed 2025-03-12 12:00:52: *  Connection failed (10060) Connection timed out
                """)));
        assertEquals(List.of("rosa@far.example"), r.stream().map(RecipientStatus::address).toList());
    }

    /**
     * A bare address's entry takes the statement under it as well as the lead-in above it ("The membership for this ID
     * is no longer active."), an address after its type ("SMTP &lt;a@b&gt;") is bare, and the address listed again alone
     * (a bilingual notice's second language) adds nothing that would hide the lead-in.
     */
    @Test
    void aBareAddressTakesTheStatementUnderItAndTheLeadInAboveIt() {
        var under = recipients(dialect.parse(message("postmaster@isp.example", "Undeliverable mail", """
                Your message could not be delivered to the following recipient:

                     kim@isp.example

                The account has been cancelled, and mail addressed to it can no longer be delivered.
                """)));
        assertEquals(true, under.get(0).diagnosticText().contains("The account has been cancelled"), under.get(0).diagnosticText());
        var typed = recipients(dialect.parse(message("postmaster@isp.example", "Mail System Error - Returned Mail", """
                The following destination addresses were unknown (please check
                the addresses and re-mail the message):

                SMTP <golf@isp.example>
                """)));
        assertEquals(true, typed.get(0).diagnosticText().contains("destination addresses were unknown"), typed.get(0).diagnosticText());
        var twice = recipients(dialect.parse(message("postmaster@isp.example", "Non-delivery notice", """
                Your message could not be delivered to the following address
                because the mailbox does not exist:

                    marc@isp.example

                Votre message n'a pu être livré à l'adresse suivante :

                    marc@isp.example
                """)));
        assertEquals(1, twice.size());
        assertEquals(true, twice.get(0).diagnosticText().contains("the mailbox does not exist"), twice.get(0).diagnosticText());
    }

    /** A word written with an "@" and a domain without a dot (USA.NET's "Net@ddress") names no mailbox. */
    @Test
    void anAtSignWordWithoutADottedDomainIsNoRecipient() {
        var r = recipients(dialect.parse(message("postmaster@usanet.example", "Mail Delivery Problem", """
                We were unable to deliver your message to the following recipient:

                trailrunner@usanet.example

                Net@ddress forwarding for this member is turned on. The destination mail server did not respond.
                """)));
        assertEquals(List.of("trailrunner@usanet.example"), r.stream().map(RecipientStatus::address).toList());
    }
}
