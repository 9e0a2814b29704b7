package bouncemx.parse;

import bouncemx.event.Event;
import bouncemx.testing.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static bouncemx.parse.UnknownFamiliesTest.only;
import static bouncemx.parse.UnknownFamiliesTest.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, lists 1, 4 and 5, continued: notices of older and smaller MTAs, appliances, webmail providers and
 * people, in the layouts their writers use (each row's comment names the writer and the shape). The fixtures
 * under src/test/resources/families/ are ours, written from what these products write by default (their
 * templates and documented texts), with invented addresses and hosts; none comes from another bounce parser.
 * Each message gives exactly one event ({@link UnknownFamiliesTest#only}): a contact line, a help address,
 * an alias or the original's other recipients are never taken for the failed one.
 */
class SmallerFamiliesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # CompuServe: "Receiver not found: name", a bare name; the returned original's To gives the address
            compuserve-receiver-not-found.eml                   | bounce.soft    | nils.berg@csi.compuserve.example    | filtered     | false | 5.7.1 |
            # the same over an original sent to two people: the one whose name the notice gives
            compuserve-receiver-not-found-original-to-two.eml   | bounce.soft    | nils.berg@csi.compuserve.example    | filtered     | false | 5.7.1 |
            # hMailServer: "Remote server replied: 550 ..." under the address, "hMailServer sent: RCPT TO:<...>"
            hmailserver-remote-server-replied.eml               | bounce.hard    | tove.lind@far-away.example          | userunknown  | true  | 5.1.1 | 550
            # Cisco AsyncOS (IronPort): "The reason for the problem:" / "5.1.0 - Unknown address error 550-'5.1.1 ...'"
            ironport-reason-for-the-problem.eml                 | bounce.hard    | ulla.berg@corp-gw.example           | userunknown  | true  | 5.1.1 | 550
            ironport-delivery-expired.eml                       | bounce.soft    | omar.haddad@lost-domain.example     | expired      | false | 5.4.7 |
            # CommuniGate Pro: "Failed to deliver to '<addr>'" and the module's report under it
            communigate-local-module-quota.eml                  | bounce.soft    | vera.kim@club.example               | mailboxfull  | false | 5.2.2 |
            communigate-smtp-module-host-says.eml               | bounce.hard    | yuri.pak@other-isp.example          | userunknown  | true  | 5.1.1 | 550
            # Exchange 2010 in German, its status part lost on the way ("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##")
            exchange2010-german-ndr-without-dsn.eml             | bounce.hard    | jonas.krueger@firma-de.example      | userunknown  | true  | 5.1.1 | 550
            # Exchange 2016 in French, HTML only ("Le serveur distant a retourné '550 5.1.1 ...'")
            exchange2016-french-ndr-html-only.eml               | bounce.hard    | claire.dubois@entreprise-fr.example | userunknown  | true  | 5.1.1 | 550
            # Exchange 2013 in Spanish, multipart/report without a delivery-status part ("El servidor remoto devolvió '...'")
            exchange2013-spanish-report-without-status-part.eml | bounce.soft    | lucia.fernandez@empresa-es.example  | mailboxfull  | false | 5.2.2 | 554
            # Exchange in Dutch, the status part flattened into an attachment ATT00001.txt
            exchange-dutch-ndr-status-in-att00001.eml           | bounce.hard    | sanne.devries@bedrijf-nl.example    | userunknown  | true  | 5.1.1 | 550
            # Exchange 2010's delay notice without a status part ("Delivery is delayed to these recipients or groups:");
            # its newest line "400 4.4.7 Message delayed" names no cause, the attempt before it does (a dropped connection)
            exchange2010-plain-delay.eml                        | bounce.delayed | finn.holt@remote-office.example     | networkerror | false | 4.4.2 | 421
            # Exchange 2003's plain delay DSN text ("THIS IS A WARNING MESSAGE ONLY.")
            exchange2003-plain-delay-warning.eml                | bounce.delayed | walt.berg@remote-branch.example     | expired      | false | 4.4.7 |
            # an MSN-era plain DSN text that names the recipient and no cause
            msn-plain-dsn-failed-no-status-part.eml             | bounce.soft    | zoe_k1999@hotmail-like.example      | onhold       | false | 5.0.0 |
            # Barracuda: "Your message to: addr / was blocked by our Spam Firewall ... has NOT BEEN DELIVERED"
            barracuda-blocked-by-spam-firewall.eml              | bounce.soft    | gina.lopez@retail.example           | spamdetected | false | 5.7.1 |
            # qmail with vpopmail, and qmail-ldap's quota text
            qmail-vpopmail-no-mailbox.eml                       | bounce.hard    | sara.nyberg@vpop-host.example       | userunknown  | true  | 5.1.1 |
            qmail-ldap-over-quota.eml                           | bounce.soft    | henrik@ldap-isp.example             | mailboxfull  | false | 5.2.2 |
            # Cyrus LMTP refusals inside Postfix's and Exim's notices
            postfix-cyrus-lmtp-over-quota.eml                   | bounce.soft    | prof.lang@uni-cyrus.example         | mailboxfull  | false | 5.2.2 | 552
            exim-cyrus-lmtp-mailbox-unknown.eml                 | bounce.hard    | pupil.22@school-exim.example        | userunknown  | true  | 5.1.1 | 550
            # MailEnable's local quota notice names "domain/mailbox", no address: the original's To
            mailenable-quota-domain-slash-mailbox.eml           | bounce.soft    | otto.lind@me-host.example           | mailboxfull  | false | 5.2.2 |
            # Lotus Domino's German template ("wurde nicht zugestellt an:" / "weil:")
            domino-german-not-listed.eml                        | bounce.soft    | petra.schulz@domino-de.example      | filtered     | false | 5.7.1 |
            # a Japanese ISP's notice in ISO-2022-JP ("宛先:", "理由:"), and a carrier's in base64 with no code
            japanese-iso2022jp-user-unknown.eml                 | bounce.hard    | taro.yamada@isp-jp.example          | userunknown  | true  | 5.1.1 | 550
            japanese-iso2022jp-mailbox-full.eml                 | bounce.soft    | hanako@keitai-jp.example            | mailboxfull  | false | 5.2.2 |
            # Italian and French ISPs' notices ("non è stato recapitato", "Message non distribué")
            italian-notice-mailbox-full.eml                     | bounce.soft    | marco.rossi@posta-it.example        | mailboxfull  | false | 5.2.2 | 552
            french-notice-mailbox-full.eml                      | bounce.soft    | luc.martin@fai-fr.example           | mailboxfull  | false | 5.2.2 |
            # Chinese webmail, UTF-8 HTML only: "退信原因：" under the sentence; the help address is no recipient
            chinese-utf8-html-only-user-unknown.eml             | bounce.soft    | wang.fang@cn-corp.example           | filtered     | false | 5.7.1 |
            # an older Yahoo notice ("Message from yahoo...", "Remote host said: ...")
            yahoo-old-unable-to-deliver.eml                     | bounce.soft    | kris_lee77@partner-isp.example      | spamdetected | false | 5.7.1 | 550
            # automatic replies that say the address is gone, in English and German
            autoreply-address-no-longer-in-use.eml              | bounce.hard    | dana.white@oldfirm.example          | userunknown  | true  | 5.1.1 |
            german-autoreply-address-no-longer-valid.eml        | bounce.hard    | kai.meyer@alt-firma.example         | userunknown  | true  | 5.1.1 |
            # postmasters writing by hand, in English and German
            postmaster-handwritten-account-closed.eml           | bounce.soft    | eric.olsen@smallco.example          | filtered     | false | 5.7.1 |
            german-postmaster-handwritten.eml                   | bounce.soft    | lena.vogt@handwerk.example          | filtered     | false | 5.7.1 |
            # recipients written as "Name <addr>" (the original to two people), "addr... failed: 550 ...",
            # "<addr>: reason", "addr; 550 ...", in an HTML table, and "Original recipient" above "Final recipient"
            list-of-display-names-with-reasons.eml              | bounce.hard    | rick.stone@dest-co.example          | userunknown  | true  | 5.1.1 | 550
            address-dots-failed-with-reply.eml                  | bounce.hard    | kurt.maas@town-net.example          | userunknown  | true  | 5.1.1 | 550
            sentence-angle-address-colon-reason.eml             | bounce.soft    | lena.bauer@hosting-b.example        | suspend      | false | 5.2.1 |
            semicolon-address-reason-lines.eml                  | bounce.hard    | alba.ruiz@edu-net.example           | userunknown  | true  | 5.1.1 | 550
            html-table-recipient-reason.eml                     | bounce.hard    | pedro.alves@secure-co.example       | userunknown  | true  | 5.1.1 | 550
            original-and-final-recipient-prose.eml              | bounce.soft    | rune.dahl@backend.alias-org.example | mailboxfull  | false | 5.2.2 |
            # Italian hosting ("non è stato consegnato"), Korean portal in EUC-KR ("반송 사유 :"), Polish ("Powód:")
            italian-non-consegnato.eml                          | bounce.hard    | giulia.bianchi@hosting-it.example   | userunknown  | true  | 5.1.1 | 550
            korean-euckr-user-unknown.eml                       | bounce.soft    | minji.kim@kr-portal.example         | filtered     | false | 5.7.1 |
            polish-notice-mailbox-full.eml                      | bounce.soft    | piotr.nowak@poczta-pl.example       | mailboxfull  | false | 5.2.2 | 552
            # Exchange 2003's DSN whose Final-Recipient is its own "LOCAL;IMCEAEX-..." form: the Original-Recipient
            dsn-final-recipient-local-type.eml                  | bounce.hard    | max.old@legacy-corp.example         | userunknown  | true  | 5.1.1 |
            # a gateway's Final-Recipient without a domain: the Original-Recipient
            dsn-final-recipient-without-domain.eml              | bounce.hard    | ruth.kane@old-firm.example          | userunknown  | true  | 5.1.1 | 550
            # Exchange 2003's text naming the recipient by display name only ("Bob Smith on <date>"), the
            # original to two people: the one whose display name the notice gives
            exchange2003-display-name-only.eml                  | bounce.hard    | bob.smith@oldco.example             | userunknown  | true  | 5.1.1 |
            # a security gateway sending as itself, no bounce Subject, no Return-Path: its name and "was rejected"
            gateway-policy-rejection-no-bounce-subject.eml      | bounce.soft    | olga.petrov@lawfirm2.example        | policyviolation | false | 5.7.1 | 554
            # a gateway's German delay warning ("Warnung: Zustellung verzögert", "wird weiterhin versucht")
            german-delay-warning.eml                            | bounce.delayed | tim.kraus@stadtwerk.example         | expired      | false | 4.4.1 | 451
            # a notice naming the recipient only in its Subject ("Undeliverable mail to <addr>")
            address-only-in-subject.eml                         | bounce.soft    | ada.lind@tinyhost.example           | mailboxfull  | false | 5.2.2 |
            # Sendmail-style "Returned mail: Mailbox full" whose text lists the address and no cause
            reason-only-in-subject.eml                          | bounce.soft    | hugo.berg@unix-host.example         | mailboxfull  | false | 5.2.2 |
            # multipart/alternative whose plain part only says to read the HTML one
            alternative-blank-text-html-details.eml             | bounce.soft    | noor.aziz@cloud-dest.example        | mailboxfull  | false | 5.2.2 | 552
            """)
    void eachNoticeGivesOneEventWithItsVerdict(String file, String type, String recipient, String reason, boolean hard,
                                              String status, String reply) {
        verdict(only(file), type, recipient, reason, hard, status, reply == null ? "" : reply);
    }

    /**
     * Gateways' and hosting panels' plain subjects, sent from an address that is no daemon's and stored without
     * a Return-Path: the subject and the text's "The following address failed:" make the notice.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Delivery Status Notification      | Mail Router <router@a.example>
            Bounced mail: December offers     | Mail Server <mailserver@a.example>
            Message bounced                   | Mailer <noreply@a.example>
            Failed delivery: December offers  | Email Gateway <gateway@a.example>
            Delivery report: failed           | System <system@a.example>
            Undelivered: December offers      | Email Gateway <gateway@a.example>
            """)
    void plainGatewaySubjectsWithoutANullSenderAreRecognised(String subject, String from) {
        List<Event> events = Engine.events(UnknownFamiliesTest.notice(subject, from, null));
        assertEquals(1, events.size(), subject);
        assertEquals("bounce.hard", events.get(0).type(), subject);
        assertEquals("user1@far.example", events.get(0).recipientAddress(), subject);
    }

    /**
     * A notice that gives only the local part ("Receiver not found: nils.berg") over an original sent to two
     * people: the one whose local part it names failed, the line naming it is the diagnostic.
     */
    @Test
    void aLocalPartNamedByTheNoticeChoosesAmongTheOriginalsRecipients() {
        Event e = only("compuserve-receiver-not-found-original-to-two.eml");
        assertEquals("header", e.recipientSource());
        assertTrue(e.recipient().diagnosticText().startsWith("Receiver not found: nils.berg"), e.recipient().diagnosticText());
        assertEquals("<offer-702@sender.example>", e.original().messageId());
    }

    /** A display name the notice gives ("Bob Smith on ...") picks that recipient of the original; its paragraph says why. */
    /** A local part that is also a word of the notice ("For more info, ...") names nobody: no recipient is guessed. */
    @Test
    void aLocalPartUsedAsAWordOfTheTextIsNoRecipient() {
        List<Event> events = Engine.events(bouncemx.testing.Samples.bytes("families/prose-notice-local-part-as-common-word.eml"));
        assertEquals(1, events.size());
        assertEquals("", events.get(0).recipientAddress());
    }

    @Test
    void aDisplayNameNamedByTheNoticeChoosesAmongTheOriginalsRecipients() {
        Event e = only("exchange2003-display-name-only.eml");
        assertEquals("header", e.recipientSource());
        assertTrue(e.recipient().diagnosticText().contains("does not exist"), e.recipient().diagnosticText());
    }

    /** Exchange's localised "returned" line gives the remote server's reply, wherever the quote sits in it. */
    @Test
    void aLocalisedReturnedLineGivesTheQuotedReply() {
        Event e = only("exchange-dutch-ndr-status-in-att00001.eml");
        assertEquals("dsn", e.recipientSource());
        Event f = only("exchange2016-french-ndr-html-only.eml");
        assertEquals("550 5.1.1 RESOLVER.ADR.RecipNotFound; not found", f.recipient().diagnosticText());
        Event s = only("exchange2013-spanish-report-without-status-part.eml");
        assertTrue(s.recipient().diagnosticText().startsWith("554 5.2.2 mailbox full;"), s.recipient().diagnosticText());
    }

    /**
     * A localised Exchange NDR is still known as one when the relay dropped its Content-Language (and it carries no
     * X-MS-Exchange-Message-Is-Ndr): by its Subject, French with a no-break space before the colon ("Non
     * remis&#160;:") or Spanish ("No se puede entregar:"), and its administrators' section.
     */
    @Test
    void aLocalisedNdrWithoutContentLanguageIsKnownByItsSubject() throws java.io.IOException {
        for (String file : List.of("exchange2016-french-ndr-html-only.eml", "exchange2013-spanish-report-without-status-part.eml")) {
            Event withHeader = only(file);
            byte[] raw;
            try (var in = SmallerFamiliesTest.class.getClassLoader().getResourceAsStream("families/" + file)) {
                raw = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .replaceFirst("(?m)^Content-Language: [^\r\n]*\r?\n", "").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            List<Event> without = Engine.events(raw);
            assertEquals(1, without.size(), file);
            verdict(without.get(0), withHeader.type(), withHeader.recipientAddress(), withHeader.classification().reason().wireName(),
                    withHeader.classification().hard(), withHeader.classification().status(), withHeader.classification().replyCode());
        }
    }

    /** Exchange's delay notice read from its text is a delay: the recipient's action is delayed, not failed. */
    @Test
    void exchangesDelayNoticeWithoutAStatusPartIsADelay() {
        Event e = only("exchange2010-plain-delay.eml");
        assertEquals("delayed", e.recipient().action());
        assertEquals(false, e.classification().hard());
    }

    /** The HTML alternative is read when the plain part is only a placeholder; its later reply line is the diagnostic. */
    @Test
    void aPlaceholderPlainPartGivesWayToItsHtmlAlternative() {
        Event e = only("alternative-blank-text-html-details.eml");
        assertTrue(e.recipient().diagnosticText().contains("mailbox is full"), e.recipient().diagnosticText());
    }
}
