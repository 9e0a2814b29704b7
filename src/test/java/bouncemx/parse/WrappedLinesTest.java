package bouncemx.parse;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Re-wrapped lines are joined again only where a wrap width cut them and the rest cannot begin an item. The
 * texts are our own, in the layouts of Exim's deliver.c, Postfix's bounce(8), Sendmail's transcript and
 * Smail's separators, re-wrapped at 72 columns as a relay or client does.
 */
class WrappedLinesTest {

    @Test
    void aClientsLocalisedFieldOfWordsInAHeaderBlockIsNoCutFold() {
        // Outlook's Spanish and French blocks: "Enviado el:" and "Envoyé :" are fields, not a From line's rest
        String es = "De: PostMaster <postmaster@office.example>\nEnviado el: jueves, 1 de enero de 2026 10:00\nPara: ann@sender.example\n";
        assertSame(es, WrappedLines.join(es));
        String fr = "De : PostMaster <postmaster@office.example>\nEnvoyé : jeudi 1 janvier 2026 10:00\nÀ : ann@sender.example\n";
        assertSame(fr, WrappedLines.join(fr));
    }

    @Test
    void aReplyCutAtColumnZeroIsJoined() {
        String cut = "  sam.jones@far.example\n    SMTP error from remote mail server after RCPT\nTO:<sam.jones@far.example>:\n"
                + "    550 5.1.1 user unknown\n";
        assertEquals("  sam.jones@far.example\n    SMTP error from remote mail server after RCPT TO:<sam.jones@far.example>:\n"
                + "    550 5.1.1 user unknown\n", WrappedLines.join(cut));
    }

    @Test
    void aReplyWhoseLineEndsInItsCodeGoesOnOnTheNextLine() {
        String cut = "    host mx1.far-away-domain.example [192.0.2.20]: 550 5.1.1\n<sam.jones@far-away-domain.example>... User Unknown\n";
        assertEquals("    host mx1.far-away-domain.example [192.0.2.20]: 550 5.1.1 <sam.jones@far-away-domain.example>... User Unknown\n",
                WrappedLines.join(cut));
    }

    @Test
    void anAddressCutIntoTheMiddleOfASentenceIsJoined() {
        String cut = "There was an error delivering your mail to the following recipient ever\n<sam@far.example>.\n";
        assertEquals("There was an error delivering your mail to the following recipient ever <sam@far.example>.\n",
                WrappedLines.join(cut));
    }

    /**
     * Sendmail 8.6's deferral names an absolute host ("Name server: host.example.: host name lookup failure"):
     * cut after "server:", the rest begins with "host.example.:", which is no field label (a name ending in a
     * dot is a host), so the line is joined again.
     */
    @Test
    void anAbsoluteHostNameAfterACutIsNoFieldLabel() {
        String cut = "<greta.lund@sprucehill.example>... Deferred: Name server:\nsprucehill.example.: host name lookup failure\n";
        assertEquals("<greta.lund@sprucehill.example>... Deferred: Name server: sprucehill.example.: host name lookup failure\n",
                WrappedLines.join(cut));
    }

    /**
     * Postfix's "host ... said:" cut before its last word: a word in lowercase with a colon is no template's
     * label, so the line is joined again (a capitalised "Reason:" would stay, see linesThatBeginAnItemStay).
     */
    @Test
    void aLowercaseWordWithItsColonAfterACutIsNoFieldLabel() {
        String cut = "<depot.night@rail-ops.example>: host mx.rail-ops.example[198.51.100.40]\nsaid:\n"
                + "    550 Requested action not taken: mailbox unavailable\n";
        assertEquals("<depot.night@rail-ops.example>: host mx.rail-ops.example[198.51.100.40] said:\n"
                + "    550 Requested action not taken: mailbox unavailable\n", WrappedLines.join(cut));
        String label = "<depot.night@rail-ops.example>: host mx.rail-ops.example[198.51.100.40]\nReason:\n";
        assertSame(label, WrappedLines.join(label));
    }

    @Test
    void aCutFoldInAQuotedHeaderJoinsItsField() {
        String cut = "From: Newsletter <news@sender.example>\nTo: Bob Smith <bob.smith@oldco.example>, Carla Diaz\n"
                + "<carla.diaz@oldco.example>\nSubject: December offers\n";
        assertEquals("From: Newsletter <news@sender.example>\nTo: Bob Smith <bob.smith@oldco.example>, Carla Diaz "
                + "<carla.diaz@oldco.example>\nSubject: December offers\n", WrappedLines.join(cut));
    }

    @Test
    void aContinuationIndentedLikeItsLineIsJoined() {
        String cut = "  ines.braga@post.example <ines@fwd.example>: pipe to |/usr/lib/mailfilter\n  /etc/mailfilter.rc\n";
        assertEquals("  ines.braga@post.example <ines@fwd.example>: pipe to |/usr/lib/mailfilter /etc/mailfilter.rc\n",
                WrappedLines.join(cut));
    }

    /** Items of their own: a list's addresses, Sendmail's reply lines and "... while talking", a new field, a rule. */
    @Test
    void linesThatBeginAnItemStay() {
        String[] texts = {
                "   ----- The following addresses had permanent fatal errors -----\n<lou@far.example>\n",
                "<<< 550 5.5.0 Destinataire inconnu ici. Unknown recipient here. REF-4471-ZX\n550 5.1.1 <a@b.example>... User unknown\n",
                "<<< 550 5.1.1 <lena.ortiz@branch.example>... User unknown, no such mailbox\n<a@b.example>... Deferred\n",
                "Subject: a long subject line of the returned original that goes on and on ok\nMessage-ID: <x@y.example>\n",
                "This is the mail system at host mx.sender.example, writing a long line\n-----\n",
                "    SMTP error from remote mail server after RCPT TO:<omar.wells@far.example>:\n    host mx.far.example [192.0.2.1]: 550 no\n",
                "A message that you sent could not be delivered to one or more of its\nbob@far.example\n",
                // qmail-send: the reply, then its own next line (a capitalised sentence after a capitalised word)
                "Remote host said: 550 5.1.1 <no.such.user@far-isp.example>... User Unknown\nGiving up on 192.0.2.77.\n",
                // Messaging Server's labelled lines under a reply that ends in a lowercase word
                "  Diagnostic code: smtp;550 5.1.1 <bob@far-office.example>... User unknown\n  Remote system: dns;mx.far-office.example\n",
        };
        for (String t : texts) assertSame(t, WrappedLines.join(t), t);
    }

    /** A short line was not cut by a wrapper; a line wider than any wrap width was not cut either. */
    @Test
    void linesNotCutNearAWrapWidthStay() {
        String shortLine = "Hi. This is the qmail-send program at mx.example.\nI'm afraid I wasn't able to deliver.\n";
        assertSame(shortLine, WrappedLines.join(shortLine));
        String wide = "x".repeat(90) + "\nrest of it\n";
        assertSame(wide, WrappedLines.join(wide));
        String afterBlank = "a line that is long enough to have been cut by a wrapper at seventy-two\n\nnext paragraph\n";
        assertSame(afterBlank, WrappedLines.join(afterBlank));
    }

    /** A capitalised word goes on a line that stopped where nothing can end: a colon, a comma, "..." or a lowercase word. */
    @Test
    void aCapitalisedContinuationJoinsOnlyALineThatCannotEndThere() {
        String cut = "    <grey@retailer-shop.example>: Recipient address rejected:\nGreylisted, see\n";
        assertEquals("    <grey@retailer-shop.example>: Recipient address rejected: Greylisted, see\n",
                WrappedLines.join(cut));
        String sentence = "5.1.0 <news@sender.example> sender refused by the receiving system. See the\nError table\n";
        assertEquals("5.1.0 <news@sender.example> sender refused by the receiving system. See the Error table\n",
                WrappedLines.join(sentence));
    }

    @Test
    void aSeparatorRuleCutInTwoIsJoined() {
        assertEquals("|------------------------- Message log follows: -------------------------|\n",
                WrappedLines.join("|------------------------- Message log follows:\n-------------------------|\n"));
    }

    /** A sentence cut after its preposition goes on with the address on the next line (Exim's cPanel text). */
    @Test
    void anAddressAfterACutPrepositionContinuesTheSentence() {
        String cut = "    The mail server could not deliver mail to\ncontact@closed-shop.example.  The account or domain may not exist\n";
        assertEquals("    The mail server could not deliver mail to contact@closed-shop.example.  The account or domain may not exist\n",
                WrappedLines.join(cut));
        // an address in brackets after a cut preposition too ("550-Verification failed for" / "<a@b>")
        assertEquals("    host mx01.example.net [203.0.113.45]: 550-Verification failed for <bounce+a8@bounces.example.com>\n",
                WrappedLines.join("    host mx01.example.net [203.0.113.45]: 550-Verification failed for\n<bounce+a8@bounces.example.com>\n"));
        // a transcript's reply line after a line that ends in "to" is a line of its own
        String transcript = "<<< 550-5.7.1 [127.0.0.1] The IP you are using to send mail is not authorized to\n"
                + "<<< 550-5.7.1 send email directly to our servers.\n";
        assertSame(transcript, WrappedLines.join(transcript));
        // an address alone under a line that ends otherwise is an item of its own
        String list = "The following address failed, permanently and without any retry at all:\ncontact@closed-shop.example\n";
        assertSame(list, WrappedLines.join(list));
    }

    /** A piece cut from a header field's indented fold joins it, as a piece cut from the field's first line does. */
    @Test
    void aPieceCutFromAFoldedFieldJoinsIt() {
        String cut = "Received: from out1.letters.example ([192.0.2.24])\n          by mx.isp.example with ESMTP\n          id\n"
                + "<20090612022047.QHWA1930.nschwmtas05p.mx.isp.example@out1.letters.example>\nFrom: News <news@letters.example>\n";
        assertEquals("Received: from out1.letters.example ([192.0.2.24])\n          by mx.isp.example with ESMTP\n          id "
                + "<20090612022047.QHWA1930.nschwmtas05p.mx.isp.example@out1.letters.example>\nFrom: News <news@letters.example>\n",
                WrappedLines.join(cut));
    }

    /** A transcript's line re-wrapped inside an SMTP command or a logged address list joins again. */
    @Test
    void aCommandCutBeforeItsPathAndAnAddressListCutAfterItsCommaAreJoined() {
        String cut = " Mon 2024-07-08 07:00:41.118: *  To: g.ferri@example.org,\n"
                + "l.conti@example.org, m.greco@example.org\n"
                + " Mon 2024-07-08 07:00:41.239: --> MAIL\nFrom:<bounce+47be9d0c2f@bounces.example.com> SIZE=4312\n";
        assertEquals(" Mon 2024-07-08 07:00:41.118: *  To: g.ferri@example.org, l.conti@example.org, m.greco@example.org\n"
                + " Mon 2024-07-08 07:00:41.239: --> MAIL From:<bounce+47be9d0c2f@bounces.example.com> SIZE=4312\n", WrappedLines.join(cut));
        // a list that does not end in a comma, a word that only ends in "mail", a field of its own: items and lines of their own
        for (String stays : new String[] {
                "Your message to these recipients failed:\nl.conti@example.org, m.greco@example.org\n",
                "The message could not be delivered to the following recipients by email\nFrom: News <news@example.org>\n",
                "Please contact the postmaster at postmaster@example.org for help, or write to us by mail\nFrom:<x@example.org>\n"}) {
            assertSame(stays, WrappedLines.join(stays), stays);
        }
    }
}
