package bouncemx.parse;

import bouncemx.event.Event;
import bouncemx.testing.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static bouncemx.parse.UnknownFamiliesTest.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 13 (H6): the failure and delay notices of mail servers, appliances and services we had no fixture for,
 * written from the software's own source or its vendor's published texts:
 * <ul>
 * <li>MMDF (MMDF-IIb, github.com/NishiOwO/mmdf): lib/mmdf/rtn_proc.c writes the notices: rtn_error ("Failed
 * mail  (msg.aNNNNN)", "    Your message could not be delivered to\n'ADDR' for the following\nreason:  'WHY'"),
 * rtn_time (the queue's time-out: "After N days (H hours), your message could not be\nfully delivered.", "It failed
 * to be received by the following address(es):", a tab and the address) and rtn_warn ("Waiting mail", "has not yet
 * been\nfully delivered.  Attempts to deliver the message will continue\nfor N more days.  No further action is
 * required by you."); rtn_pnam prints an address as "local (host: H) (queue: Q)"; the From line is
 * "HOST Mail System (MMDF) &lt;mmdf@HOST&gt;" (rtn_mlinit, sitesignature of conf/*&#47;conf.c); src/smtp/sm_wtmail.c
 * joins the SMTP reply's code and text with "; ".</li>
 * <li>Exchange Server 4.0-5.5's MTA (X.400 connector) NDRs as Microsoft's KB articles quote them: Q230497 (MTS
 * congestion, "Doe, John on 4/29/99 10:17 AM"), Q241632 and Q250521 ("A restriction in the system prevented
 * delivery of the message."), Q305203 ("'TEST1' on 20.07.01 17:26", "The recipient name is not recognized",
 * "The MTS-ID of the original message is:", "MSEXCH:MSExchangeMTA:SITE:SERVER") and Q319023 ("The maximum time
 * for delivering the message expired"): the recipient is named as the client showed it, not by address.</li>
 * <li>Symantec Messaging Gateway's NDRs (Broadcom KB 157433, 152083), Postini's Postfix relay (its KB on
 * "bounced messages from a Postini server") and Lotus Domino R5's "Delivery Failure Report" (IBM technote
 * 1100477: "Your document:", "was not delivered to:", "because:", "Enhanced Mail System Status Code (RFC1893):
 * .1.2").</li>
 * <li>masqmail's German, French and Italian templates (github.com/ossilator/masqmail tpl/failmsg.tpl.de, .fr,
 * .it and warnmsg.tpl.fr, .it), bilingual with the English in parentheses or in a second block.</li>
 * <li>chasquid's first plain-text DSN (github.com/albertito/chasquid internal/queue/dsn.go) and MailScanner's
 * reports to the sender (github.com/MailScanner/v5 common/usr/share/MailScanner/reports/en, de, fr
 * sender.spam.sa.report.txt); hs.mail's DeliveryStatusNotifier (com.hs.mail.smtp.message) and indimail-mta's
 * slowq-send; slimta's Bounce (slimta/bounce.py) and maddy's DSN (internal/dsn/dsn.go).</li>
 * </ul>
 * The fixed text is the software's; recipients, hosts, dates and the remote servers' replies are invented.
 * Fixtures under src/test/resources/servers/; each gives exactly one event.
 */
class ServersAndAppliancesTest {

    static Event only(String file) {
        return Engine.only("servers/" + file);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # MMDF's rtn_error: the address with its routing notes, the reason in quotes with the reply code
            # joined to its text by "; " (sm_wtmail.c)
            mmdf-failed-mail-user-unknown.eml  | bounce.hard    | marcus.webb@harbourline.example    | userunknown | true  | 5.1.1 | 550
            # MMDF's rtn_time: the cause ("After 11 days ... could not be fully delivered") is two paragraphs above
            # the address, whose "(host: ...) (queue: smtp)" notes say nothing about the failure
            mmdf-failed-mail-timed-out.eml     | bounce.soft    | lena.marsh@fieldstone-farm.example | expired     | false | 4.4.7 |
            # MMDF's rtn_warn under its own Subject "Waiting mail": a delay from a mail system that says it keeps trying
            mmdf-waiting-mail.eml              | bounce.delayed | lena.marsh@fieldstone-farm.example | expired     | false | 4.4.7 |
            # Exchange 5.5's MTA: a display name ("Quinn, Harriet") is the original's recipient of that name;
            # congestion in the message transfer service is X.400's MTS-congestion (RFC 3463 X.4.5)
            exchange55-mta-congestion-display-name.eml | bounce.soft | harriet.quinn@depots.tollgate-freight.example | networkerror | false | 5.4.0 |
            # the recipient's delivery restrictions refuse the sender (X.400 restricted-delivery)
            exchange55-mta-restriction.eml     | bounce.soft    | gareth.pryce@coalyard-lettings.example | securityerror | false | 5.7.0 |
            # the MTA's own "recipient name is not recognized" (no IMS error code), a quoted display name
            exchange55-mta-name-not-recognized.eml | bounce.hard | maja.karlsson@stenhus-arkitekter.example | userunknown | true | 5.1.1 |
            # X.400 maximum-time-expired; its reason line and the MSEXCH line joined by a re-wrap
            exchange55-mta-maximum-time-expired.eml | bounce.soft | adaeze.okonkwo@kano-weavers.example | expired    | false | 4.4.7 |
            # Exchange 2003's NDR with the recipient as a quoted display name and its "<server #4.4.7>" (as a hosting
            # provider's help page quotes it: "'Recipients_Name' on DateTime", "Could not deliver the message in the
            # time limit specified.")
            exchange2003-time-limit-display-name.eml | bounce.soft | k.asante@northpoint-medical.example | expired | false | 4.4.7 |
            # Exchange 2003's other texts as the same help pages quote them: no mail server in DNS for the recipient's
            # domain (#5.4.0: an unknown host, not a network error), and a remote server's refusal of the SENDER's
            # domain quoted after "#4.0.0 smtp;450" (rejected: about the sender, soft)
            exchange2003-dns-destination-not-found.eml | bounce.hard | bookings@harbour-lines.example | hostunknown | true | 5.4.0 |
            exchange2003-sender-domain-not-found.eml | bounce.soft | yard@quayside-depot.example | rejected | false | 4.0.0 | 450
            # Symantec Messaging Gateway's NDR (Broadcom KB 157433: Postfix's wording without its first line,
            # "<postmaster>" the configurable contact) and its queue expiry (KB 152083: "554 5.4.7 [internal]
            # exceeded max time without delivery")
            symantec-smg-user-unknown.eml      | bounce.hard    | p.lindgren@harbourview-realty.example | userunknown | true | 5.1.1 | 550
            symantec-smg-max-time.eml          | bounce.soft    | r.janssen@dunewijk-zorg.example    | expired     | false | 5.4.7 | 554
            # Postini's delivery relay, "a standard Postfix configuration" (Postini KB "Delayed, duplicate or bounced
            # messages from a Postini server": "This is the Postfix program at host exprod5mo4.postini.com.")
            postini-postfix-expired.eml        | bounce.soft    | orders@millpond-crafts.example     | expired     | false | 4.4.7 |
            # Domino R5 (IBM technote 1100477): "Your document:", "because:" with a status missing its class digit
            # ("Enhanced Mail System Status Code (RFC1893): .1.2") or even the remote server's "250 Message
            # received OK." (no cause: onhold, not a delivery)
            domino-r5-status-code-without-class.eml | bounce.hard | info@kattegat-shiping.example     | hostunknown | true  | 5.1.2 |
            domino-r5-because-250.eml          | bounce.soft    | bjarne.holm@kattegat-shipping.example | onhold   | false | 5.0.0 |
            # masqmail's localised templates (tpl/failmsg.tpl.de/.fr/.it, warnmsg.tpl.fr/.it): the cause lead-in ends
            # in its translation's parenthesis ("... what caused the failure:)"); the French warning lists the recipient
            # twice (French, then English) and its cause two paragraphs under the list; the Italian failure's header
            # ends after its Subject (the template's blank line), and its help line writes to "postmatster@" (a typo
            # in the template) after "scrivi a" ("write to")
            masqmail-fr-failed-host-not-found.eml | bounce.hard | contact@moulin-dupre.example      | hostunknown | true  | 5.1.2 |
            masqmail-de-failed-user-unknown.eml | bounce.hard   | jens.brodersen@moorbad-post.example | userunknown | true | 5.1.1 | 550
            masqmail-it-failed-mailbox-full.eml | bounce.soft   | franca.deluca@frantoio-mail.example | mailboxfull | false | 5.2.2 | 552
            masqmail-fr-warning-deferred.eml   | bounce.delayed | gerard.fontaine@olivaie-provence.example | networkerror | false | 4.4.0 |
            masqmail-it-warning-deferred.eml   | bounce.delayed | mario.esposito@cantina-vesuvio.example | expired  | false | 4.4.7 |
            # chasquid's plain DSN (internal/queue/dsn.go of its first releases: X-Failed-Recipients with a trailing
            # comma, "Delivery to the following recipient(s) failed permanently:", "----- Technical details -----")
            chasquid-plain-dsn.eml             | bounce.hard    | tomas.novak@vltava-design.example  | userunknown | true  | 5.1.1 | 550
            # MailScanner's report to the sender of a message it rejected as spam (reports/*/sender.spam.sa.report.txt):
            # Subject "{Bounce} ...", the recipient only in its indented summary of the message ("  To:" / "  Subject:"
            # / "  Date:", in German "  An:" / "  Betreff:", in French "  À:" / "  Sujet:" / "  Date:")
            mailscanner-sender-spam-rejected.eml | bounce.soft  | bursar@greenacre-school.example    | spamdetected | false | 5.7.1 |
            mailscanner-sender-spam-rejected-de.eml | bounce.soft | empfang@lindenhof-praxis.example | spamdetected | false | 5.7.1 |
            mailscanner-sender-spam-rejected-fr.eml | bounce.soft | registrariat@cegep-riviere.example | spamdetected | false | 5.7.1 |
            # hs.mail's DSN (DeliveryStatusNotifier: "[Err] subject", a multipart/report without a delivery-status
            # part; its local delivery writes RFC 3463's own description of X.1.1, "The mailbox specified in the
            # address does not exist.", which is that status and not a content filter's "does not exist")
            hsmail-local-mailbox-not-exist.eml | bounce.hard    | minseo.kang@hanbit-law.example     | userunknown | true  | 5.1.1 |
            # indimail-mta's slowq-send ("Hi. This is the slowq-send program at ...", qmail-send's wording)
            indimail-slowq-send-user-unknown.eml | bounce.hard  | anjali.mehra@saffron-exports.example | userunknown | true | 5.1.1 | 550
            # slimta's Bounce (slimta/bounce.py default_header_template: "Delivery failed for:" then "- addr", and a
            # delivery-status part with only Remote-MTA and Diagnostic-Code, no Final-Recipient)
            slimta-bounce-user-unknown.eml     | bounce.hard    | hamish.mcleod@glenbrae-distillers.example | userunknown | true | 5.1.1 | 550
            # maddy's DSN (internal/dsn/dsn.go)
            maddy-dsn-mailbox-full.eml         | bounce.soft    | lukas.brenner@talblick-verlag.example | mailboxfull | false | 5.2.2 | 552
            """)
    void aServersNoticeGivesTheRecipientAndItsCause(String file, String type, String recipient, String reason,
                                                    boolean hard, String status, String reply) {
        verdict(only(file), type, recipient, reason, hard, status, reply == null ? "" : reply);
    }

    /**
     * A postmaster's own announcement that uses MMDF's still-trying sentence names no failed address and returns no
     * original: no bounce event (the mail-system-and-still-trying signal lets a notice in, it does not invent a recipient).
     */
    @Test
    void aPostmastersAnnouncementWithAStillTryingSentenceIsNoBounce() {
        Event e = only("not-a-bounce-postmaster-maintenance.eml");
        assertEquals("message.unclassified", e.type());
        assertEquals("", e.recipientAddress());
    }

    /** maddy returns the original's header as "message/rfc822-headers" (its name for text/rfc822-headers). */
    @Test
    void maddysRfc822HeadersPartGivesTheOriginal() {
        Event e = only("maddy-dsn-mailbox-full.eml");
        assertEquals("<9e2d4f60-71ab-4c3e-b8d5-0f1a2b3c4d5e@kiefernweg.example>", e.original().messageId());
    }

    /** A recipient named only by display name is taken from the original's To, so its source is the header. */
    @Test
    void exchangeMtaDisplayNameRecipientComesFromTheOriginalsHeader() {
        Event e = only("exchange55-mta-congestion-display-name.eml");
        assertEquals("header", e.recipientSource());
        assertEquals("exchange2003", e.decodedBy());
    }
}
