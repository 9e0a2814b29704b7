package bouncemx.parse;

import bouncemx.event.Event;
import bouncemx.testing.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import static bouncemx.parse.UnknownFamiliesTest.verdict;

/**
 * Issue 13 (H4): the notices of older and smaller MTAs, written from the templates and format strings in
 * their own source: masqmail (tpl/failmsg.tpl, tpl/warnmsg.tpl, the err_msg formats of deliver.c), XMail 1.27
 * (QueUtBuildErrorResponse in QueueUtils.cpp: the "[&lt;00&gt;] XMail bounce: Rcpt=[...];Error=[...]" line, the
 * "ID:/Mail From:/Rcpt To:/Server:" block, the temporary-error note of SMAILUtils.cpp; Errors.cpp's texts),
 * ZMailer 2.99 (scheduler/msgerror.c: its RFC 1894 report, "FAILED:"/"DELAYED (still in queue):" lines with
 * the channel, host and user in angle brackets, and proto/forms/delivery) and Citadel (smtp_queue.c's "A
 * message you sent could not be delivered to some or all of its recipients" and " addr: status" lines), Apache
 * James 2.3 (RemoteDelivery's bounce text and exception messages), OpenSMTPD 4.x/5.x (smtpd/bounce.c),
 * hMailServer 5 (SMTPDeliverer's and SMTPClientConnection's error texts), Sendmail 8.6-8.8, Exim 3 and Postfix 1.x; and, from vendors' published texts, Exchange
 * 5.5's IMS NDRs (Microsoft KB articles), SmarterMail's notices (hosting providers' help pages) and the IIS SMTP
 * service's DSNs. The fixed text is the software's; recipients, hosts, dates and the remote servers' replies are invented.
 * Fixtures under src/test/resources/older-mtas/; each gives exactly one event.
 */
class OlderMtasTest {

    static Event only(String file) {
        return Engine.only("older-mtas/" + file);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # masqmail: a tab-indented list of failed recipients, then "This error message may give you a hint about
            # what caused the failure:" and the cause in the paragraph under that lead-in ("while connected with
            # HOST, the server replied" / the reply; "could not open connection to HOST:25 :" / hstrerror's text)
            masqmail-failed-user-unknown.eml     | bounce.hard    | dieter.lang@weinberg-post.example   | userunknown  | true  | 5.1.1 | 550
            masqmail-failed-host-not-found.eml   | bounce.hard    | info@obstgarten-hessler.example     | hostunknown  | true  | 5.1.2 |
            # masqmail's warning ("Warning: could not yet send message", "Delivery will be tried again"): a delay
            masqmail-warning-deferred.eml        | bounce.delayed | karin.vogt@seenland-mail.example    | mailboxfull  | false | 4.2.2 | 452
            # XMail: the "ID: <spool-id@host>" line names the message, not a recipient; its local quota text
            # ("User maximum mailbox size reached"); the temporary-error note ("you do not have to resend") is a delay
            xmail-smtp-user-unknown.eml          | bounce.hard    | agnes.holm@fjordline-post.example   | userunknown  | true  | 5.1.1 | 550
            xmail-local-mailbox-size.eml         | bounce.soft    | lise.kjaer@harbour-office.example   | mailboxfull  | false | 5.2.2 |
            xmail-temporary-error.eml            | bounce.delayed | sven.ek@archipelago-net.example     | toomanyconn  | false | 4.7.0 | 421
            # ZMailer's RFC 1894 report ("Final-Recipient: RFC822;addr", a Status with its words in parentheses)
            zmailer-failed-user-unknown.eml      | bounce.hard    | marja.koski@lakeside-uni.example    | userunknown  | true  | 5.1.1 | 550
            zmailer-delayed.eml                  | bounce.delayed | olli.rinne@pinewood-coop.example    | expired      | false | 4.4.1 | 400
            # Citadel: " addr: status" under "The following addresses were undeliverable:" / "Giving up on ..."
            citadel-undeliverable.eml            | bounce.hard    | owen.pugh@valley-farmers.example    | userunknown  | true  | 5.1.1 | 550
            citadel-giving-up.eml                | bounce.soft    | rhys.morgan@hillside-hosting.example | networkerror | false | 5.4.0 |
            # Exchange 5.5's IMS plain-text NDR (Microsoft KB articles: "The following recipient(s) could not be
            # reached:", "'addr' on DATE", the reason and the MSEXCH routing line); "the recipient's destination email
            # system is unknown or invalid" is an unknown host, not an unknown user
            exchange55-ims-recipient-not-recognized.eml   | bounce.hard | bianca.ruiz@quarry-partners.example | userunknown | true  | 5.1.1 |
            exchange55-ims-message-too-long.eml           | bounce.soft | teodor.lind@survey-bureau.example   | mesgtoobig  | false | 5.3.4 | 552
            exchange55-ims-destination-system-unknown.eml | bounce.hard | info@old-quarry-assoc.example       | hostunknown | true  | 5.1.2 |
            # SmarterMail's "Could not deliver message to the following recipient(s):" / "Failed Recipient:" / "Reason:"
            # (as hosting providers' help pages quote it)
            smartermail-mailbox-full.eml         | bounce.soft    | samir.haddad@lakeview-hosting.example | mailboxfull | false | 5.2.2 |
            smartermail-no-mx-records.eml        | bounce.hard    | orders@sunfield-grocer.example      | hostunknown  | true  | 5.1.2 |
            smartermail-remote-rejected.eml      | bounce.soft    | kofi.mensah@riverbend-college.example | norelaying | false | 5.7.1 | 550
            # Apache James 2.3's RemoteDelivery bounce ("Hi. This is the James mail server at ...", the recipient, then
            # the exception's text), sent as a reply ("Re: subject") from the postmaster
            james-remotedelivery-user-unknown.eml  | bounce.hard  | jacinta.oneill@wattle-mail.example  | userunknown  | true  | 5.1.1 | 550
            james-remotedelivery-no-dns-entries.eml | bounce.hard | ned.barlow@ironbark-old.example     | hostunknown  | true  | 5.1.2 |
            # Microsoft IIS SMTP service (Windows 2000/2003): a DSN with X-DSNContext, failure and delay
            iis-smtp-dsn-failure.eml             | bounce.soft    | harriet.cole@estuary-mail.example   | mailboxfull  | false | 5.2.2 | 552
            iis-smtp-dsn-delay.eml               | bounce.delayed | orders@creekside-supply.example     | expired      | false | 4.4.7 |
            # OpenSMTPD 4.x's bounce.c ("Recipient: addr" / "Reason:" / the session's error line) and 5.x's list
            opensmtpd4-user-unknown.eml          | bounce.hard    | pieter.duin@polder-net.example      | userunknown  | true  | 5.1.1 | 550
            opensmtpd4-relay-denied.eml          | bounce.soft    | sanne.vos@dijkmail.example          | norelaying   | false | 5.7.1 | 554
            opensmtpd5-mailbox-full.eml          | bounce.soft    | joris.kuiper@waterschap-mail.example | mailboxfull | false | 5.2.2 | 552
            # hMailServer's SMTPDeliverer texts under the recipient: no MX or A record ("No mail servers appear to
            # exists for the recipient's address."), and a connection that failed before any reply
            hmailserver-no-mail-servers.eml      | bounce.hard    | jonah.reed@fernhill-school.example  | hostunknown  | true  | 5.1.2 |
            hmailserver-connection-failed.eml    | bounce.soft    | bea.holt@marlpit-farm.example       | expired      | false | 4.4.7 |
            # Sendmail 8.6-8.8 (savemail.c, its era): "Returned mail: User unknown" with "----- Unsent message follows
            # -----"; the 4-hour warnings, as a multipart/report (8.8) and in plain text (8.6)
            sendmail86-unsent-message-follows.eml | bounce.hard   | ingrid.sato@maplegrove.example      | userunknown  | true  | 5.1.1 | 550
            sendmail88-warning-deferred.eml      | bounce.delayed | paolo.greco@cedarline.example       | expired      | false | 4.4.1 |
            sendmail86-warning-plain.eml         | bounce.delayed | greta.lund@sprucehill.example       | networkerror | false | 4.4.0 |
            # Exim 3's "Mail delivery failed: returning message to sender"
            exim3-mail-delivery-failed.eml       | bounce.soft    | tomasz.wojcik@moorgate-isp.example  | mailboxfull  | false | 5.2.2 | 552
            # Postfix 1.x (before its DSNs: multipart/mixed, "This is the Postfix program at host ..."); local(8)'s
            # 'unknown user: "name"' is the delivery agent's own lookup of that recipient (no SMTP command, no status
            # code), an unknown user and not a content filter's words
            postfix1-remote-user-unknown.eml     | bounce.hard    | rowan.tate@inkwell-media.example    | userunknown  | true  | 5.1.1 | 550
            postfix1-local-unknown-user.eml      | bounce.hard    | typesetter@mail.quayside-press.example | userunknown | true | 5.1.1 |
            postfix1-host-not-found.eml          | bounce.hard    | editor@paperless-gone.example       | hostunknown  | true  | 5.1.2 |
            """)
    void anOlderMtasNoticeGivesTheRecipientAndItsCause(String file, String type, String recipient, String reason,
                                                       boolean hard, String status, String reply) {
        verdict(only(file), type, recipient, reason, hard, status, reply == null ? "" : reply);
    }
}
