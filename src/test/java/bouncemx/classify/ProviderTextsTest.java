package bouncemx.classify;

import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Refusal texts as the big receiving providers and the common MTAs write them, none taken from the
 * shared corpus: a check that the tables carry general phrases and codes, not corpus answers. Each row is
 * remote host | status field of the report | the remote server's reply | the reason it means.
 */
class ProviderTextsTest {
    private final Classifier classifier = Classifier.standard();

    @ParameterizedTest(name = "{2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            // system, protocol and limits
            "mx.example.org | 4.7.0 | 421 4.7.0 Too many concurrent connections from your host, please try again later | toomanyconn",
            "mx.example.org | 4.3.1 | 452 4.3.1 Insufficient system storage | systemfull",
            "mx.example.org | 4.3.0 | 451 4.3.0 Temporary system failure. Please try again later. | systemerror",
            "mx.example.org | 5.3.0 | 554 5.3.0 unknown mailer error 75 | mailererror",
            "mx.example.org | 5.7.0 | 530 5.7.0 Must issue a STARTTLS command first | failedstarttls",
            "mx.example.org | 5.7.1 | 530 5.7.1 Authentication required | securityerror",
            "mx.example.org | 5.1.10 | 556 5.1.10 Recipient address has null MX | notaccept",
            "mx.example.org | 5.7.1 | 550 5.7.1 Relaying denied | norelaying",
            "mx.example.org | 5.7.1 | 550 5.7.1 Message contains a prohibited attachment | policyviolation",
            "mx.example.org | 5.7.1 | 550 5.7.1 Message rejected as spam by Content Filtering. | spamdetected",
            "mx.example.org | 5.0.0 | 554 Transaction failed: spam message rejected | spamdetected",
            "mx.example.org | 5.0.0 | 550 High probability of spam | spamdetected",
            "mx.example.org | 5.4.7 | 554 5.4.7 [internal] exceeded max time without delivery | expired",
            "mx.example.org | 5.1.2 | 550 5.1.2 Bad destination system address | hostunknown",
            "mx.example.org | 5.2.1 | 550 5.2.1 This mailbox has been blocked due to inactivity | suspend",
            "mx.example.org | 5.0.0 | 550 Account expired | suspend",
            "mx.example.org | 5.2.2 | 550 5.2.2 Your message could not be delivered: the recipient's inbox is full | mailboxfull",
            "mx.example.org | 5.0.0 | 550 Host unknown | hostunknown",
            "mx.example.org | 5.1.1 | 550 5.1.1 Addressee unknown, relay=mx.example.org | userunknown",
            // second batch
            "gmail-smtp-in.l.google.com | 5.7.1 | 550-5.7.1 [192.0.2.1] The IP you're using to send mail is not authorized to send email directly to our servers. Please use the SMTP relay at your service provider instead. | blocked",
            "gmail-smtp-in.l.google.com | 4.7.0 | 421-4.7.0 This message is suspicious due to the very low reputation of the sending domain. | badreputation",
            "gmail-smtp-in.l.google.com | 5.7.1 | 550-5.7.1 Unauthenticated email from sender.example is not accepted due to domain's DMARC policy. | authfailure",
            "gmail-smtp-in.l.google.com | 5.7.1 | 550-5.7.1 This message does not have authentication information or fails to pass authentication checks (SPF or DKIM). | authfailure",
            "gmail-smtp-in.l.google.com | 5.7.1 | 550-5.7.1 Messages missing a valid address in From: header, or having no From: header, are not accepted. | notcompliantrfc",
            "x.mail.protection.outlook.com | 5.7.1 | 550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using Blocklist 1; To request removal from this list please forward this message to delist@messaging.microsoft.com | blocked",
            "x.mail.protection.outlook.com | 5.7.708 | 550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. | blocked",
            "x.mail.protection.outlook.com | 5.4.14 | 554 5.4.14 Hop count exceeded - possible mail loop ATTR34 | networkerror",
            "x.mail.protection.outlook.com | 5.4.310 | 550 5.4.310 DNS domain example.org does not exist [Message=InfoDomainNonexistent] | hostunknown",
            "x.mail.protection.outlook.com | 5.1.1 | 550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found | userunknown",
            "mta7.am0.yahoodns.net | 5.7.1 | 553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes | blocked",
            "mta7.am0.yahoodns.net | 5.7.9 | 550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires all senders to authenticate with either SPF or DKIM. | authfailure",
            "mx-aol.mail.gm0.yahoodns.net | 5.0.0 | 554 30 Sorry, your message to someone@aol.com cannot be delivered. This account has been disabled or discontinued [#102]. | suspend",
            "mx.example.org | 5.7.1 | 550 5.7.1 Recipient not authorized, your IP has been found on a block list | blocked",
            "mx.example.org | 5.7.1 | 554 5.7.1 Your mail could not be delivered because the recipient is only accepting mail from specific email addresses | filtered",
            "mx.example.org | 5.2.2 | 552 5.2.2 Quota exceeded (mailbox for user is full) | mailboxfull",
            "mx.example.org | 5.0.0 | 550 Mailbox quota usage exceeded | mailboxfull",
            "mx.example.org | 5.2.1 | 550 5.2.1 <someone@example.org>: Recipient address rejected: this mailbox is inactive and has been disabled | suspend",
            "mx.example.org | 5.1.1 | 550 5.1.1 <someone@example.org>: Recipient address rejected: undeliverable address: User unknown | userunknown",
            "mx.example.org | 5.7.1 | 550 5.7.1 Message rejected due to suspected spam content | spamdetected",
            "mx.example.org | 5.7.1 | 554 5.7.1 Message rejected because it contains a virus | virusdetected",
            "mx.example.org | 5.7.1 | 553 5.7.1 <bounce@sender.example>: Sender address rejected: not owned by user | rejected",
            "mx.example.org | 4.7.1 | 450 4.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.1] | requireptr",
            "mx.example.org | 5.7.1 | 554 5.7.1 Rejected: 192.0.2.1 listed at bl.spamcop.net | blocked",
            "mx.example.org | 5.7.1 | 550 5.7.1 SPF: 192.0.2.1 is not allowed to send mail from sender.example | authfailure",
            "mx.example.org | 5.7.1 | 550 5.7.1 DKIM signature verification failed | authfailure",
            "mx.example.org | 5.4.7 | 554 5.4.7 delivery expired (message too old) | expired",
            "mx.example.org | 5.7.1 | 550 5.7.367 Remote server returned not permitted to relay -> 550 5.7.1 Unable to relay | norelaying",
            "mx.example.org | 5.3.4 | 552 5.3.4 Error: message file too big | mesgtoobig",
            "mx.example.org | 5.0.0 | 550 Message was not accepted -- invalid mailbox. Local mailbox someone@example.org is unavailable: account is disabled | suspend",
            "mx.example.org | 5.1.1 | 550 5.1.1 Mailbox does not exist | userunknown",
            "mx.example.org | 5.7.0 | 550 5.7.0 Local Policy Violation | policyviolation",
            // Google
            "gmail-smtp-in.l.google.com | 5.1.1 | 550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. | userunknown",
            "gmail-smtp-in.l.google.com | 4.2.2 | 452-4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to the help center. | mailboxfull",
            "gmail-smtp-in.l.google.com | 5.2.1 | 550-5.2.1 The email account that you tried to reach is disabled. | suspend",
            "gmail-smtp-in.l.google.com | 5.7.26 | 550-5.7.26 This mail is unauthenticated, which poses a security risk to the sender and Gmail users, and has been blocked. The sender must authenticate with at least one of SPF or DKIM. | authfailure",
            "gmail-smtp-in.l.google.com | 5.7.25 | 550-5.7.25 The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP. | requireptr",
            "gmail-smtp-in.l.google.com | 5.7.1 | 550-5.7.1 Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked. | spamdetected",
            // Microsoft
            "x.mail.protection.outlook.com | 5.1.10 | 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup | userunknown",
            "x.mail.protection.outlook.com | 5.2.2 | 554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded | mailboxfull",
            "x.mail.protection.outlook.com | 5.7.606 | 550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/ and follow the directions. | blocked",
            "x.mail.protection.outlook.com | 5.7.509 | 550 5.7.509 Access denied, sending domain example.com does not pass DMARC verification and has a DMARC policy of reject. | authfailure",
            "hotmail-com.olc.protection.outlook.com | 5.7.1 | 550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). | blocked",
            "hotmail-com.olc.protection.outlook.com | 5.5.0 | 550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). | userunknown",
            // Yahoo, AOL
            "mta7.am0.yahoodns.net | 5.0.0 | 554 delivery error: dd This user doesn't have a yahoo.com account (someone@yahoo.com) [0] - mta1010.mail.gq1.yahoo.com | userunknown",
            "mta7.am0.yahoodns.net | 5.0.0 | 554 delivery error: dd Sorry your message to someone@yahoo.com cannot be delivered. This mailbox is disabled (554.30). - mta1010.mail.gq1.yahoo.com | suspend",
            "mx-aol.mail.gm0.yahoodns.net | 5.0.0 | 552 1 Requested mail action aborted, mailbox not found | userunknown",
            // Apple, Comcast, GoDaddy
            "mx01.mail.icloud.com | 5.2.2 | 552 5.2.2 <someone@icloud.com>: user is over quota | mailboxfull",
            "mx1.comcast.net | 5.1.1 | 550 5.1.1 <someone@comcast.net> Not our Customer | userunknown",
            // Postfix
            "mx.example.org | 5.1.1 | 550 5.1.1 <someone@example.org>: Recipient address rejected: User unknown in virtual mailbox table | userunknown",
            "mx.example.org | 5.7.1 | 554 5.7.1 <someone@example.org>: Relay access denied | norelaying",
            "mx.example.org | 5.7.1 | 550 5.7.1 <unknown[192.0.2.1]>: Client host rejected: cannot find your hostname, [192.0.2.1] | requireptr",
            "mx.example.org | 4.1.8 | 450 4.1.8 <bounce@sender.example>: Sender address rejected: Domain not found | rejected",
            "mx.example.org | 5.3.4 | 552 5.3.4 Message size exceeds fixed limit | mesgtoobig",
            "mx.example.org | 5.7.1 | 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1 | blocked",
            "mx.example.org | 5.4.4 | Host or domain name not found. Name service error for name=example.invalid type=A: Host not found | hostunknown",
            // Exim
            "mx.example.org | 5.0.0 | 550 Unrouteable address | hostunknown",
            "mx.example.org | 5.0.0 | all relevant MX records point to non-existent hosts | hostunknown",
            "mx.example.org | 4.0.0 | retry timeout exceeded | expired",
            // qmail
            "mx.example.org | 5.1.1 | Sorry, no mailbox here by that name. (#5.1.1) | userunknown",
            "mx.example.org | 5.1.2 | Sorry, I couldn't find any host named example.invalid. (#5.1.2) | hostunknown",
            // Sendmail
            "mx.example.org | 5.1.8 | 553 5.1.8 <someone@example.org>... Domain of sender address bounce@nonexistent.example does not exist | rejected",
            "mx.example.org | 5.4.6 | 554 5.4.6 Too many hops | networkerror",
            "mx.example.org | 5.1.6 | 551 5.1.6 User has moved; please try <someone@example.net> | hasmoved",
            // codes with a standard meaning
            "mx.example.org | 5.2.3 | 552 5.2.3 Message length exceeds administrative limit | exceedlimit",
            "mx.example.org | 5.7.23 | 550 5.7.23 The message was rejected because of Sender Policy Framework violation | authfailure",
            "mx.example.org | 4.7.0 | 421 4.7.0 Too many concurrent SMTP connections from this IP address; please try again later. | toomanyconn",
            "mx.example.org | 5.2.1 | 550 5.2.1 Mailbox disabled for this recipient | suspend",
            "mx.example.org | 5.7.1 | 550 5.7.1 Email rejected per DMARC policy for sender.example | authfailure",
            "mx.example.org | 4.2.2 | 452 4.2.2 Mailbox full | mailboxfull"})
    void providerTexts(String rhost, String status, String text, String reason) {
        var r = RecipientStatus.builder().address("someone@example.org", "dsn").action("failed").status(status)
                .diagnostic("smtp", text).remoteMta(rhost).build();
        var c = classifier.classify(r, Report.Kind.DELIVERY);
        assertEquals(reason, c.reason().wireName(), c.rule());
    }

    /**
     * Refusals of one SMTP command, as MTAs, appliances and hosting platforms word them (qmail's badrcptto
     * patch, vpopmail, Courier, Exim callouts, McAfee and SonicWall gateways, French/Spanish/Italian
     * servers); the status field is often missing in such reports, so the text and the command decide.
     * Each row is command | status | reply | reason.
     */
    @ParameterizedTest(name = "{0} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "RCPT | '' | 550 Address invalid | userunknown",
            "RCPT | '' | 550 5.1.0 Address rejected. | userunknown",
            "RCPT | '' | 550 Address does not exist | userunknown",
            "RCPT | '' | 550 5.1.1 Address not present in directory | userunknown",
            "RCPT | '' | 550 Destination server rejected recipients | userunknown",
            "RCPT | '' | 550 Email address could not be found, or was misspelled | userunknown",
            "RCPT | '' | 550 Invalid mailbox: someone@example.org | userunknown",
            "RCPT | '' | 550 someone is not a known user | userunknown",
            "RCPT | '' | 550 someone@example.org is not an active address at this host | userunknown",
            "RCPT | '' | 550 No mailbox found | userunknown",
            "RCPT | '' | 550 not a valid recipient | userunknown",
            "RCPT | '' | 550 5.4.1 Recipient address rejected: Access denied. AS(201806281) | userunknown",
            "RCPT | '' | 550 Recipient is not local | userunknown",
            "RCPT | '' | 550 Sorry, your envelope recipient has been denied | userunknown",
            "RCPT | '' | 553 sorry, badrcptto (#5.7.1) | userunknown",
            "RCPT | '' | 550 The user's email name is not found. | userunknown",
            "RCPT | '' | 550 user missing home directory | userunknown",
            "RCPT | '' | 550 User not active | userunknown",
            "RCPT | '' | 550 vdeliver: Invalid or unknown virtual user 'someone' | userunknown",
            "RCPT | '' | 550 Utilisateur inconnu ! | userunknown",
            "RCPT | '' | 550 No existe dicha persona | userunknown",
            "RCPT | '' | 550 Nessun utente simile in questo indirizzo | userunknown",
            "RCPT | '' | 550 User someone@example.org was not found | userunknown",
            "RCPT | '' | 550 Recipient someone@example.org was not found in LDAP | userunknown",
            "RCPT | '' | 550 Bad recipient | userunknown",
            "RCPT | '' | 550 No such person at this address | userunknown",
            "RCPT | '' | 550 There is no one at this address | userunknown",
            "RCPT | '' | 550 Recipient not OK | userunknown",
            "RCPT | '' | 550 Mailbox is unavailable | userunknown",
            "RCPT | '' | 550 Unknown e-mail address | userunknown",
            "RCPT | '' | 550 Mailbox someone unavailable or access denied | suspend",
            "RCPT | '' | 550 This address no longer accepts mail. | suspend",
            "RCPT | '' | 550 5.2.1 someone@example.org is currently suspended | suspend",
            "RCPT | '' | 550 5.2.1 Archived recipient | suspend",
            "RCPT | '' | 550 someone@example.org is unavailable: user is terminated | suspend",
            "RCPT | '' | 550 Recipient rejected: Temporarily inactive | suspend",
            "RCPT | '' | 550 someone@qq.example is a deactivated mailbox | suspend",
            "RCPT | '' | 550 Invalid/inactive user | suspend",
            "RCPT | '' | 550 User or domain is disabled | suspend",
            "RCPT | '' | 550 vdelivermail: account is locked email bounced | suspend",
            "RCPT | '' | 552 Mailbox exceeds allowed size | mailboxfull",
            "DATA | '' | 552 Mailbox would exceed maximum allowed storage | mailboxfull",
            "DATA | '' | 552 user has exceeded quota, bouncing mail | mailboxfull",
            "DATA | '' | 552 Quota violation for someone@example.org | mailboxfull",
            "DATA | '' | 552 User has too many messages on the server | mailboxfull",
            "DATA | '' | 552 user's space has been used up | mailboxfull",
            "DATA | '' | 552 Account disabled temporarly for exceeding receiving limits | mailboxfull",
            "RCPT | '' | 552 Account is over quota | mailboxfull",
            "RCPT | '' | 552 Disk quota exceeded | mailboxfull",
            "RCPT | '' | 552 Mailbox has exceeded the limit | mailboxfull",
            "RCPT | '' | 552 Mailbox is currently full | mailboxfull",
            "RCPT | '' | 552 Mailbox size quota reached | mailboxfull",
            "RCPT | '' | 552 Maildir has exceeded quota | mailboxfull",
            "RCPT | '' | 552 User is over their quota | mailboxfull",
            "RCPT | '' | 552 Quota has been exceeded | mailboxfull",
            "RCPT | '' | 550 Boite du destinataire pleine | mailboxfull",
            "RCPT | '' | 550 Domain is not reachable | hostunknown",
            "RCPT | '' | 553 Recipient domain must exist | hostunknown",
            "RCPT | '' | 550 Mail domain mentioned in email address is unknown | hostunknown",
            "RCPT | '' | 550 Recipient address rejected: Unknown domain name | hostunknown",
            "RCPT | '' | 550 The account or domain may not exist | hostunknown",
            "RCPT | '' | 550 Unroutable address | hostunknown",
            "MAIL | '' | 550 Administrative prohibition | rejected",
            "MAIL | '' | 553 BATV failed to verify | rejected",
            "MAIL | '' | 553 Bogus mail from | rejected",
            "MAIL | '' | 550 Can't determine purported responsible address | rejected",
            "MAIL | '' | 550 Empty envelope senders not allowed | rejected",
            "MAIL | '' | 550 Envelope blocked - User Entry | rejected",
            "MAIL | '' | 550 Fully qualified email address required | rejected",
            "MAIL | '' | 550 Invalid sender | rejected",
            "MAIL | '' | 553 Mail from not owned by user | rejected",
            "MAIL | '' | 550 Null sender is not allowed | rejected",
            "MAIL | '' | 550 Returned mail not accepted here | rejected",
            "MAIL | '' | 550 Sender is in my black list | rejected",
            "MAIL | '' | 550 Sender not pre-approved | rejected",
            "MAIL | '' | 550 Sender domain is empty | rejected",
            "MAIL | '' | 553 sorry, your envelope sender was rejected | rejected",
            "MAIL | '' | 550 This server does not accept mail from bounce@sender.example | rejected",
            "MAIL | '' | 550 Unroutable sender address | rejected",
            "MAIL | '' | 550 Your email address has been blacklisted | rejected",
            "DATA | '' | 554 Transaction failed unsigned DSN for bounce@sender.example | rejected",
            "DATA | 5.4.5 | 550 5.4.5 Daily user sending quota exceeded. | speeding"})
    void refusalsOfACommand(String command, String status, String text, String reason) {
        var r = RecipientStatus.builder().address("someone@example.org", "dsn").action("failed").status(status)
                .diagnostic("smtp", text).command(command).build();
        var c = classifier.classify(r, Report.Kind.DELIVERY);
        assertEquals(reason, c.reason().wireName(), c.rule());
    }
}
