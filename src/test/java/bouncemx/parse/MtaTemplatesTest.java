package bouncemx.parse;

import bouncemx.event.Event;
import bouncemx.testing.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import static bouncemx.parse.UnknownFamiliesTest.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 13 (H3): notices written from the templates that MTAs, filters and list managers ship, read from
 * their packages (Debian 12: amavisd-new 2.13's en_US templates, Dovecot 2.3's LDA and Pigeonhole Sieve
 * strings, nullmailer 2.2's nullmailer-dsn, Courier 1.0's dsn*.txt, OpenSMTPD 6.8's bounce strings, Mailman 3.3's and Sympa 6.2's templates; npm: Haraka
 * 3.3's outbound/hmail.js and config/outbound.bounce_message, ZoneMTA 3.10's email-bounce plugin). The fixed
 * text is the software's; recipients, hosts, dates and the remote servers' replies are invented. Fixtures
 * under src/test/resources/templates/; each gives exactly one event.
 */
class MtaTemplatesTest {

    static Event only(String file) {
        return Engine.only("templates/" + file);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # Haraka's outbound bounce: "Intended Recipients:" / "Failure Reason:", a delivery-status part whose Status
            # may carry the code and text in parentheses ("5.1.2 (550 No Such Domain: ...)") and no Diagnostic-Code
            haraka-rcpt-user-unknown.eml      | bounce.hard    | mona.lisowski@homemail.example       | userunknown     | true  | 5.1.1  | 550
            haraka-no-such-domain.eml         | bounce.hard    | paul.reyes@gone-company.example      | hostunknown     | true  | 5.1.2  | 550
            # RFC 7505 null MX (Haraka's DSN.addr_null_mx, 556 5.1.10): a role local part is still the recipient
            haraka-null-mx.eml                | bounce.hard    | info@parked-nullmx.example           | notaccept       | true  | 5.1.10 | 556
            # ZoneMTA: Status 5.0.0 / 4.0.0 whatever the server said; the Diagnostic-Code's code and words decide
            zonemta-failure.eml               | bounce.soft    | ingrid.solberg@fjord-mail.example    | suspend         | false | 5.2.1  | 550
            zonemta-delay.eml                 | bounce.delayed | arne.berg@slow-host.example          | expired         | false | 4.7.0  | 421
            # nullmailer-dsn: "Reporting-MTA: x-local-hostname; host", failed and delayed
            nullmailer-dsn-failed.eml         | bounce.hard    | ops-alerts@monitoring.example        | userunknown     | true  | 5.1.1  | 550
            nullmailer-dsn-delayed.eml        | bounce.delayed | noc@monitoring.example               | networkerror    | false | 4.4.1  |
            # Dovecot LDA/LMTP refusing for quota with a DSN ("Your message to <a> was automatically rejected:")
            dovecot-lda-quota-rejection.eml   | bounce.soft    | t.okafor@campus-mail.example         | mailboxfull     | false | 5.2.2  |
            # Postfix piping to Dovecot's LDA run with -e: its EX_NOPERM exit maps to "permission denied. Command output:
            # Quota exceeded (mailbox for user is full)"; and a delivery program that died with an unmapped status
            # but said why ("Command died with status 1: ... Command output: mailbox is full"): the limit it names wins
            # over "the local mailer failed"
            postfix-pipe-dovecot-lda-quota.eml | bounce.soft  | lena.marx@coop-hosting.example       | mailboxfull     | false | 5.7.0  |
            postfix-pipe-command-died-mailbox-full.eml | bounce.soft | jonas.beck@coop-hosting.example | mailboxfull   | false | 5.3.0  |
            # OpenSMTPD 6.8's delay report ("A message is delayed for more than 4h for the following list of recipients:")
            opensmtpd-delayed.eml             | bounce.delayed | tomas.riedl@alpine-lab.example       | networkerror    | false | 4.0.0  |
            # Sympa answers a list address with DSNs of its own (delivery_status_notification.tt2, list_unknown.tt2), read as
            # such: an unknown list is a hard bounce of that address; a post refused to a non-subscriber is soft (RFC 3463's
            # 5.7.1 wording "Delivery not authorized, message refused" in its Diagnostic-Code: securityerror, never hard)
            sympa-list-unknown.eml            | bounce.hard    | seminaire-chimie@lists.univ-town.example | userunknown | true  | 5.1.1  |
            sympa-authorization-denied.eml    | bounce.soft    | etudiants-m2@lists.univ-town.example | securityerror   | false | 5.7.1  |
            # Courier's delay notice ("DELAYS IN DELIVERING YOUR MESSAGE")
            courier-delayed.eml               | bounce.delayed | olga.petrova@remote-lab.example      | networkerror    | false | 4.3.0  | 451
            # amavisd-new's DSN ("The message WAS NOT relayed to:"), infected and banned
            amavis-dsn-infected.eml           | bounce.soft    | h.vogel@partner-firm.example         | virusdetected   | false | 5.7.0  | 554
            amavis-dsn-banned.eml             | bounce.soft    | k.brandt@partner-firm.example        | policyviolation | false | 5.7.0  | 554
            """)
    void aTemplatesReportGivesTheRecipientAndItsCause(String file, String type, String recipient, String reason,
                                                      boolean hard, String status, String reply) {
        verdict(only(file), type, recipient, reason, hard, status, reply == null ? "" : reply);
    }

    /**
     * amavisd-new's plain notice to the sender of a virus (template-virus-sender.txt: "Content-filter at host"
     * sender, "VIRUS in message apparently from you (...)" Subject, the recipients after "-> "): the cause is
     * two paragraphs above the address, past the line naming the sender being notified.
     */
    @Test
    void amavissVirusNoticeToTheSenderIsABounceOfTheListedRecipient() {
        Event e = only("amavis-virus-sender-notice.eml");
        verdict(e, "bounce.soft", "j.weber@partner-firm.example", "virusdetected", false, "5.7.1", "");
        assertEquals("text", e.recipientSource());
    }

    /**
     * amavisd-new's spam notice (template-spam-sender.txt): "A message from &lt;sender&gt;" / "to: recipient" /
     * "was considered unsolicited bulk e-mail (UBE)." The lone "to:" line names the recipient (it is no quoted
     * header block), and the sentence continues in the paragraph under it.
     */
    @Test
    void amavissSpamNoticeNamesTheRecipientOnALoneToLine() {
        Event e = only("amavis-spam-sender-notice.eml");
        verdict(e, "bounce.soft", "m.schulte@partner-firm.example", "spamdetected", false, "5.7.1", "");
    }

    /**
     * A Sieve "reject" (RFC 5429 2.1.1) as Dovecot's Pigeonhole sends it: a disposition notification
     * ("automatic-action/MDN-sent-automatically; deleted"), not a DSN. The recipient's own rule refused the
     * message: {@code filtered}, from the part's Final-Recipient.
     */
    @Test
    void aSieveRejectNotificationIsAFilteredBounceOfItsFinalRecipient() {
        Event e = only("dovecot-sieve-reject.eml");
        verdict(e, "bounce.soft", "r.haas@campus-mail.example", "filtered", false, "5.7.1", "");
        assertEquals("sievereject", e.decodedBy());
        assertEquals("dsn", e.recipientSource());
    }

    /**
     * A mailing list's own notices to a poster are not bounces (H3 decision, README "Decoding"): Mailman 3's
     * "Your message to LIST awaits moderator approval" (the post is pending), and its "Your message to the
     * LIST mailing-list was rejected for the following reasons" (list:user:notice:rejected: a moderation or
     * membership decision about the post, sent from the list's -owner address under the post's own Subject;
     * the list address is deliverable, so nothing should count against it). Each gives only the
     * message.unclassified event.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"mailman3-held-for-moderation.eml", "mailman3-post-rejected.eml"})
    void aListsModerationNoticeIsNotABounce(String file) {
        assertEquals("message.unclassified", only(file).type(), file);
    }
}
