package bouncemx.parse;

import bouncemx.event.Event;
import bouncemx.testing.Engine;
import bouncemx.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static bouncemx.parse.UnknownFamiliesTest.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 (H9): the corpus families seen only once or twice, in the layouts of their templates with other
 * reasons, other wording and more recipients. The fixtures under src/test/resources/sparse/ are ours, written
 * from the software's own template or source (PowerMTA's documented DSN fields and bounce categories,
 * SendGrid's notice, SurfControl's, McAfee's and Bigfoot's DSNs, Active!hunter, MailFoundry and MailMarshal
 * notices, amavisd-new 2.13's template-dsn.txt and its per-category SMTP responses in Amavis/Conf.pm and
 * Amavis.pm, Apache James's RemoteDelivery bounce text in Bouncer.explanationText and JavaMail's "Invalid
 * Addresses", 1&amp;1's and Mimecast's notices in their corpus layouts, Symantec Email Security.cloud's notice
 * quoting the replies of Broadcom KB 162445), with invented addresses and hosts; none comes from another
 * bounce parser. Each row is one event of the file, in order; the file
 * gives exactly as many events as it has rows.
 */
class SparseFamiliesTest {

    @ParameterizedTest(name = "{0} #{1}")
    @CsvSource(delimiter = '|', textBlock = """
            # PowerMTA: X-PowerMTA-BounceCategory beside each recipient's fields, two recipients, two categories
            powermta-two-categories.eml                  | 1 | 2 | bounce.soft | ivan.horak@mail.partner.example  | mailboxfull     | false | 5.2.2 | 552
            powermta-two-categories.eml                  | 2 | 2 | bounce.hard | eva.novak@mail.partner.example   | userunknown     | true  | 5.1.1 | 550
            powermta-spam-related.eml                    | 1 | 1 | bounce.soft | mira.sol@filtered-co.example     | spamdetected    | false | 5.7.1 | 554
            # Original-Recipient before Final-Recipient in each block, three recipients, three categories
            powermta-three-recipients-original-first.eml | 1 | 3 | bounce.soft | ray.moss@webmail-a.example       | spamdetected    | false | 5.7.1 | 550
            powermta-three-recipients-original-first.eml | 2 | 3 | bounce.soft | ines.kraft@webmail-a.example     | suspend         | false | 5.2.1 | 550
            powermta-three-recipients-original-first.eml | 3 | 3 | bounce.soft | otto.fink@dest-b.example         | norelaying      | false | 5.7.1 | 554
            # Mimecast's notice with a verdict line it has no reason for: the next hop's answer decides
            mimecast-other-problem-mailbox-full.eml      | 1 | 1 | bounce.soft | martin.hale@legal-firm.example   | mailboxfull     | false | 5.2.2 | 552
            # SendGrid: "user:id:<addr> : ip : mx:[ip] : reply in RCPT TO", a Diagnostic-Code without its type
            sendgrid-mailbox-full.eml                    | 1 | 1 | bounce.soft | jana.kral@office.cz-firm.example | mailboxfull     | false | 5.2.2 | 552
            sendgrid-client-host-blocked.eml             | 1 | 1 | bounce.soft | tomas.bek@cz-isp.example         | blocked         | false | 5.7.1 | 554
            # "in RCPT TO" at the end of SendGrid's line names the command: an unknown user refused at RCPT is no filter's
            sendgrid-no-such-user-in-rcpt-to.eml         | 1 | 1 | bounce.hard | petr.dvorak@mail.brno-net.example | userunknown    | true  | 5.0.0 | 550
            # SurfControl: "Failed to send to identified host, addr: [ip], reply" and a DSN whose Status is 5.0.0
            surfcontrol-user-unknown.eml                 | 1 | 1 | bounce.hard | omar.reyes@district.example      | userunknown     | true  | 5.1.1 | 550
            surfcontrol-storage-exceeded.eml             | 1 | 1 | bounce.soft | nadia.cole@county-net.example    | mailboxfull     | false | 5.0.0 | 552
            # the same two gateways' notices without a DSN part (missing, or lost on the way): the text alone names the
            # recipients and the reply (SurfControl's "addr: [ip], reply"; McAfee's lines carry no reply code)
            surfcontrol-text-only.eml                    | 1 | 1 | bounce.soft | felix.amos@lab-partner.example   | mailboxfull     | false | 5.2.2 | 552
            mcafee-text-only-two-recipients.eml          | 1 | 2 | bounce.soft | sho.kimura@flour-mill.example    | mailboxfull     | false | 5.2.2 |
            mcafee-text-only-two-recipients.eml          | 2 | 2 | bounce.soft | mei.ota@flour-mill.example       | mailboxfull     | false | 5.2.2 |
            # McAfee Email Gateway writes the null reverse-path as its From ("From: <>") and may add no Return-Path;
            # "No such user" with no RCPT named, as in the corpus's McAfee notices: a filter's refusal
            mcafee-gateway-null-from-text-only.eml       | 1 | 1 | bounce.soft | lars.berg@seeds.example          | filtered        | false | 5.7.1 |
            # a mail system's notice without a DSN part under a Subject of its own (the original's): the sentence that says
            # it was not delivered, broken over two lines as Postfix's template breaks it, and Amazon SES's sentence
            mailsystem-wrapped-sentence-own-subject.eml  | 1 | 1 | bounce.hard | ana.ruiz@paper-supply.example    | userunknown     | true  | 5.1.1 | 550
            ses-text-only-own-subject.eml                | 1 | 1 | bounce.soft | kai.lund@fjord-mail.example      | onhold          | false | 5.0.0 |
            # the delivery-status part labelled text/plain (as some gateways label it): still read as one, so the Status
            # field (5.2.1) stands, as it does when the same part is labelled message/delivery-status
            postfix-dsn-labelled-text-plain.eml          | 1 | 1 | bounce.hard | depot.night@rail-ops.example     | userunknown     | true  | 5.2.1 | 550
            # the same labelled application/octet-stream (a gateway's attached "details.txt", base64), and one whose
            # fields start at Action: (per-message fields left out, as SurfControl writes them): read as the DSN it is
            gateway-dsn-octet-stream.eml                 | 1 | 1 | bounce.soft | lena.krug@inland-post.example    | mailboxfull     | false | 5.2.2 | 552
            octet-stream-dsn-opens-with-action.eml       | 1 | 1 | bounce.hard | jonas.egger@alpen-mail.example   | userunknown     | true  | 5.1.1 | 550
            # McAfee: "<addr>   (reason)" and a DSN with Original-Recipient only
            mcafee-two-recipients.eml                    | 1 | 2 | bounce.soft | kenta.mori@other-jp.example      | mailboxfull     | false | 5.2.2 | 552
            # "Unknown user" with no RCPT named and no 5.1.x code, as the corpus's McAfee notices: a filter's refusal
            mcafee-two-recipients.eml                    | 2 | 2 | bounce.soft | aya.ito@other-jp.example         | filtered        | false | 5.7.1 | 550
            # Bigfoot (LiteMail): Sendmail-style transcript, message/partial original
            bigfoot-mailbox-quota.eml                    | 1 | 1 | bounce.soft | ella.moss@old-forward.example    | mailboxfull     | false | 5.2.2 | 552
            # Active!hunter, MailFoundry, MailMarshal (one reason over two recipients)
            activehunter-mailbox-full.eml                | 1 | 1 | bounce.soft | yui.tanaka@college.example       | mailboxfull     | false | 5.2.2 | 552
            mailfoundry-mailbox-full.eml                 | 1 | 1 | bounce.soft | rosa.diaz@coop-net.example       | mailboxfull     | false | 5.2.2 | 552
            mailmarshal-two-recipients-mailbox-full.eml  | 1 | 2 | bounce.soft | kate.lowe@lawyers.example        | mailboxfull     | false | 5.2.2 | 552
            mailmarshal-two-recipients-mailbox-full.eml  | 2 | 2 | bounce.soft | paul.grant@lawyers.example       | mailboxfull     | false | 5.2.2 | 552
            # 1&1 (kundenserver.de): "addr:" then "SMTP error from remote server for CMD command, host: h (ip) reason: reply"
            einsundeins-two-recipients.eml               | 1 | 2 | bounce.hard | jonas.brandt@kanzlei-nord.example | userunknown    | true  | 5.1.1 | 550
            einsundeins-two-recipients.eml               | 2 | 2 | bounce.soft | lea.vogt@kanzlei-nord.example    | mailboxfull     | false | 5.2.2 | 552
            einsundeins-mail-from-rejected.eml           | 1 | 1 | bounce.soft | kunde.nord@provider-x.example    | rejected        | false | 5.1.8 | 553
            # a multi-line reply ("550-5.7.1 ..." lines at column 0) under the reason line
            einsundeins-wrapped-multiline.eml            | 1 | 1 | bounce.soft | paul.meier@bigmail.example       | blocked         | false | 5.7.1 | 550
            # Symantec Email Security.cloud (MessageLabs) quoting next hops' refusals, one per recipient, under Status 5.0.0
            # (Broadcom KB 162445's examples): its queue expiry "554 5.4.7 [internal] ..." is expired
            messagelabs-five-recipients.eml              | 1 | 5 | bounce.hard | ava.lund@nordic-co.example       | userunknown     | true  | 5.0.0 | 550
            messagelabs-five-recipients.eml              | 2 | 5 | bounce.soft | cleo.berg@relay-x.example        | norelaying      | false | 5.7.1 | 550
            messagelabs-five-recipients.eml              | 3 | 5 | bounce.soft | finn.ek@strict-z.example         | authfailure     | false | 5.7.1 | 550
            messagelabs-five-recipients.eml              | 4 | 5 | bounce.soft | gro.vik@slow-w.example           | expired         | false | 5.4.7 | 554
            messagelabs-five-recipients.eml              | 5 | 5 | bounce.soft | liv.nes@small-v.example          | mailboxfull     | false | 5.0.0 | 552
            # amavisd-new's DSN with its own per-category replies (spam, bad header, oversized)
            amavis-dsn-spam-bounce.eml                   | 1 | 1 | bounce.soft | j.roth@partner-firm.example      | spamdetected    | false | 5.7.0 | 554
            amavis-dsn-duplicate-header-field.eml        | 1 | 1 | bounce.soft | m.weiss@partner-firm.example     | notcompliantrfc | false | 5.6.0 | 554
            amavis-dsn-bad-mime.eml                      | 1 | 1 | bounce.soft | p.lang@partner-firm.example      | contenterror    | false | 5.6.0 | 554
            amavis-dsn-oversized.eml                     | 1 | 1 | bounce.soft | s.kurz@partner-firm.example      | mesgtoobig      | false | 5.3.4 | 552
            # Apache James RemoteDelivery: the recipient lines, then one reason for all of them
            james-remotedelivery-two-mailbox-full.eml    | 1 | 2 | bounce.soft | leo.ward@dock-freight.example    | mailboxfull     | false | 5.2.2 | 552
            james-remotedelivery-two-mailbox-full.eml    | 2 | 2 | bounce.soft | ana.ruiz@dock-freight.example    | mailboxfull     | false | 5.2.2 | 552
            # JavaMail's "Invalid Addresses" (SMTPTransport's SendFailedException after refused RCPT TOs): refused at RCPT
            james-remotedelivery-invalid-addresses.eml   | 1 | 2 | bounce.hard | leo.ward@dock-freight.example    | userunknown     | true  | 5.1.1 |
            james-remotedelivery-invalid-addresses.eml   | 2 | 2 | bounce.hard | ana.ruiz@dock-freight.example    | userunknown     | true  | 5.1.1 |
            james-remotedelivery-unknown-host.eml        | 1 | 1 | bounce.hard | leo.ward@dock-freight.example    | hostunknown     | true  | 5.1.2 |
            james-remotedelivery-connection-timed-out.eml | 1 | 1 | bounce.soft | leo.ward@dock-freight.example   | expired         | false | 4.4.7 |
            # a gateway's plain-text notice with its DSN fields pasted in, written "Name : value"
            gateway-text-dsn-fields-loose-colon.eml      | 1 | 2 | bounce.soft | hugo.brandt@moor-mail.example    | mailboxfull     | false | 5.2.2 | 552
            gateway-text-dsn-fields-loose-colon.eml      | 2 | 2 | bounce.hard | ida.lund@moor-mail.example       | userunknown     | true  | 5.1.1 | 550
            """)
    void eachRecipientGetsTheVerdictOfItsTemplate(String file, int index, int count, String type, String recipient,
                                                  String reason, boolean hard, String status, String reply) {
        List<Event> events = events(file);
        assertEquals(count, events.size(), "events");
        verdict(events.get(index - 1), type, recipient, reason, hard, status, reply == null ? "" : reply);
    }

    /**
     * James's RemoteDelivery bounce gives one reason under the list of recipients: each recipient's diagnostic
     * is that reason, not the greeting above the list, and the reply code is read after "told me:".
     */
    @Test
    void jamesRemoteDeliveryGivesItsOneReasonToEveryListedRecipient() {
        for (Event e : events("james-remotedelivery-two-mailbox-full.eml")) {
            assertEquals("Remote mail server told me: 552 5.2.2 Mailbox full", e.recipient().diagnosticText());
            assertEquals("apachejames", e.decodedBy());
        }
        Event host = events("james-remotedelivery-unknown-host.eml").get(0);
        assertTrue(host.recipient().diagnosticText().startsWith("Unknown host: mx1.dock-freight.example"),
                host.recipient().diagnosticText());
    }

    /**
     * DSN fields pasted into a text and written "Name : value" are read as the fields they are: the reporting and
     * remote MTAs come from them, not only what the sentences around them say.
     */
    @Test
    void pastedFieldsWrittenWithABlankBeforeTheColonAreReadAsFields() {
        for (Event e : events("gateway-text-dsn-fields-loose-colon.eml")) {
            assertEquals("relay.quarry-net.example", e.recipient().reportingMta());
            assertEquals("mx.moor-mail.example", e.recipient().remoteMta());
        }
    }

    private static List<Event> events(String file) {
        return Engine.events(Samples.bytes("sparse/" + file));
    }
}
