package bouncemx.parse;

import bouncemx.parse.dialect.ActiveHunterDialect;
import bouncemx.parse.dialect.AmazonSesDialect;
import bouncemx.parse.dialect.AmazonWorkMailDialect;
import bouncemx.parse.dialect.ApacheJamesDialect;
import bouncemx.parse.dialect.ArfDialect;
import bouncemx.parse.dialect.AutoReplyDialect;
import bouncemx.parse.dialect.BiglobeDialect;
import bouncemx.parse.dialect.CourierDialect;
import bouncemx.parse.dialect.DominoDialect;
import bouncemx.parse.dialect.DragonFlyDialect;
import bouncemx.parse.dialect.EinsUndEinsDialect;
import bouncemx.parse.dialect.Exchange2003Dialect;
import bouncemx.parse.dialect.Exchange2007Dialect;
import bouncemx.parse.dialect.EximDialect;
import bouncemx.parse.dialect.EzwebDialect;
import bouncemx.parse.dialect.FmlDialect;
import bouncemx.parse.dialect.GmailDialect;
import bouncemx.parse.dialect.GmxDialect;
import bouncemx.parse.dialect.GoogleGroupsDialect;
import bouncemx.parse.dialect.GoogleWorkspaceDialect;
import bouncemx.parse.dialect.ImailServerDialect;
import bouncemx.parse.dialect.KddiDialect;
import bouncemx.parse.dialect.MFilterDialect;
import bouncemx.parse.dialect.MailFoundryDialect;
import bouncemx.parse.dialect.MailMarshalDialect;
import bouncemx.parse.dialect.MailRuDialect;
import bouncemx.parse.dialect.MessagingServerDialect;
import bouncemx.parse.dialect.MimecastDialect;
import bouncemx.parse.dialect.MxLogicDialect;
import bouncemx.parse.dialect.NotesDialect;
import bouncemx.parse.dialect.Office365Dialect;
import bouncemx.parse.dialect.OpenSmtpdDialect;
import bouncemx.parse.dialect.OutlookDialect;
import bouncemx.parse.dialect.PersonalNoteDialect;
import bouncemx.parse.dialect.PlainTextDialect;
import bouncemx.parse.dialect.PostfixDialect;
import bouncemx.parse.dialect.QmailDialect;
import bouncemx.parse.dialect.SendmailDialect;
import bouncemx.parse.dialect.SieveRejectDialect;
import bouncemx.parse.dialect.SmailDialect;
import bouncemx.parse.dialect.TrendMicroDialect;
import bouncemx.parse.dialect.V5SendmailDialect;
import bouncemx.parse.dialect.VerizonDialect;
import bouncemx.parse.dialect.X1Dialect;
import bouncemx.parse.dialect.X2Dialect;
import bouncemx.parse.dialect.X3Dialect;
import bouncemx.parse.dialect.X4Dialect;
import bouncemx.parse.dialect.X5Dialect;
import bouncemx.parse.dialect.X6Dialect;
import bouncemx.parse.dialect.YahooDialect;
import bouncemx.parse.dialect.ZohoDialect;
import bouncemx.parse.rfc3464.Rfc3464Dialect;

import java.util.List;

/**
 * The standard set of dialects and the order they are tried in. A new dialect is one class plus its
 * entry (and hint rows) here. Stateless.
 */
public final class Dialects {
    private Dialects() {}

    /**
     * Specific dialects in their default order. ARF comes first: its feedback-report part is an
     * unambiguous signal and complaints must never be read as bounces. Exim and qmail follow; each claims
     * only messages carrying its own fixed template lines, and Exim yields to providers whose Exim builds
     * have their own dialect (see {@link EximDialect}).
     */
    public static List<Dialect> specific(Limits limits) {
        return List.of(new ArfDialect(limits),
                // providers' own templates (each checks its sender or subject before reading the body)
                new GmailDialect(), new GoogleGroupsDialect(), new GoogleWorkspaceDialect(limits), new YahooDialect(),
                new AmazonWorkMailDialect(limits), new AmazonSesDialect(limits), new ZohoDialect(), new MailRuDialect(),
                new GmxDialect(), new EinsUndEinsDialect(), new VerizonDialect(), new BiglobeDialect(),
                // gateways and carriers: each checks a header or Subject before reading the body
                new DragonFlyDialect(), new EzwebDialect(limits), new KddiDialect(), new MFilterDialect(),
                new ActiveHunterDialect(), new MailFoundryDialect(), new MailMarshalDialect(), new MimecastDialect(),
                new MxLogicDialect(), new TrendMicroDialect(), new X5Dialect(limits),
                // Sisimai's unidentified templates X1..X6, each keyed on its own marker sentence
                new X1Dialect(), new X2Dialect(), new X3Dialect(), new X4Dialect(), new X6Dialect(),
                // MTAs: after providers and gateways, which reuse some MTA subjects ("Undelivered Mail Returned to Sender")
                new Office365Dialect(limits), new Exchange2007Dialect(limits), new Exchange2003Dialect(limits),
                new OutlookDialect(limits), new DominoDialect(limits), new NotesDialect(),
                new MessagingServerDialect(limits), new ImailServerDialect(), new SmailDialect(),
                new SendmailDialect(limits), new V5SendmailDialect(),
                new EximDialect(limits), new QmailDialect(),
                new PostfixDialect(limits), new OpenSmtpdDialect(limits), new CourierDialect(limits),
                new ApacheJamesDialect(), new FmlDialect(),
                // a Sieve reject (RFC 5429): a disposition notification, never a DSN, so no MTA dialect claims it
                new SieveRejectDialect(limits));
    }

    /** Cheap signals that move a dialect forward (see {@link DialectOrder}). */
    public static List<DialectOrder.Hint> hints() {
        return List.of(
                // provider senders and subjects (lowercase): each row moves its dialect to the front
                DialectOrder.Hint.from("gmail", "mailer-daemon@googlemail.com", "mailer-daemon@google.com"),
                DialectOrder.Hint.subject("yahoo", "failure notice"),
                DialectOrder.Hint.xMailer("amazonworkmail", "amazon workmail"),
                DialectOrder.Hint.from("amazonses", "amazonses.com", "sns.amazonaws.com"),
                DialectOrder.Hint.from("zoho", "zoho"),
                DialectOrder.Hint.from("mailru", "mail.ru"),
                DialectOrder.Hint.from("gmx", "gmx.", "@mail.com"),
                DialectOrder.Hint.from("einsundeins", "kundenserver.de", "1and1.", "ionos."),
                DialectOrder.Hint.from("verizon", "vtext.com", "vzwpix.com"),
                DialectOrder.Hint.from("biglobe", "biglobe.ne.jp", "@inacatv.ne.jp", "@tmtv.ne.jp", "@ttv.ne.jp"),
                // MTA subjects
                DialectOrder.Hint.subject("postfix", "undelivered mail returned to sender", "delayed mail (still being retried)",
                        "smtp server: errors from"),
                DialectOrder.Hint.subject("opensmtpd", "delivery status notification"),
                DialectOrder.Hint.subject("courier", "notice: mail delivery status.", "warning: delayed mail."),
                DialectOrder.Hint.subject("apachejames", "[bounce]"),
                DialectOrder.Hint.subject("fml", "loop alert:", "security alert", "not member", "fml system error message",
                        "reject mail ", "spam mail from a spammer is rejected", "loop back warning:", "warning: unix from loop"),
                // gateways and carriers
                DialectOrder.Hint.from("ezweb", "@ezweb.ne.jp"),                        // au EZweb Postmaster
                DialectOrder.Hint.from("kddi", ".dion.ne.jp", "auone-net.jp"),            // au one net notices
                DialectOrder.Hint.xMailer("mfilter", "m-filter"),                       // m-FILTER
                DialectOrder.Hint.subject("mailfoundry", "message delivery has failed"),  // MailFoundry
                DialectOrder.Hint.subject("mailmarshal", "undeliverable mail:"),          // MailMarshal SMTP
                DialectOrder.Hint.subject("mimecast", "email delivery failure"),          // Mimecast notice
                DialectOrder.Hint.from("mxlogic", "mxlogic.net"),                         // MX Logic
                DialectOrder.Hint.from("trendmicro", "interscan"),                        // InterScan MSS
                DialectOrder.Hint.from("x1", "mail deliver system"),                      // X1's sender name
                DialectOrder.Hint.subject("x6", "there was an error sending your mail"),  // X6
                DialectOrder.Hint.subject("dragonfly", "mail delivery failed"),           // dma (exim shares it)
                // sendmail 8 and 5 Subjects (savemail.c): cheap and specific
                DialectOrder.Hint.subject("sendmail", "see transcript for details", "could not send message for past",
                        "cannot send message for"),
                DialectOrder.Hint.subject("v5sendmail", "returned mail:"),
                // Microsoft: Exchange Online and on-premises Exchange share the "Undeliverable:" Subject; each
                // dialect rejects the other's reports by the generating server
                DialectOrder.Hint.subject("office365", "undeliverable:"),
                DialectOrder.Hint.subject("exchange2007", "undeliverable:"),
                DialectOrder.Hint.xMailer("exchange2003", "internet mail service (", "internet mail connector"),
                DialectOrder.Hint.subject("outlook", "delivery status notification"),
                // Lotus: Domino and the older Notes SMTP MTA
                DialectOrder.Hint.subject("domino", "delivery failure:", "delivery_failure"),
                DialectOrder.Hint.subject("notes", "undeliverable message"),
                DialectOrder.Hint.subject("messagingserver", "delivery notification:"),
                DialectOrder.Hint.subject("imailserver", "undeliverable mail"),
                DialectOrder.Hint.xMailer("imailserver", "<smtp32 v"),
                // Smail 3's notify.c subject, kept by Deutsche Telekom's fork
                DialectOrder.Hint.subject("smail", "mail failed,"),
                // Exim's notice subjects (deliver.c, moan.c); the body must still carry Exim's template
                DialectOrder.Hint.subject("exim", "mail delivery failed", "warning: message", "mail failure",
                        "message frozen", "error(s) in forwarding or filtering"),
                // qmail-send.c's fixed subject
                DialectOrder.Hint.subject("qmail", "failure notice"));
    }

    /**
     * RFC 3464 reads what no specific dialect claimed, then a person's own note that an address is gone (before
     * the plain-text reader, which would read a postmaster's words as a notice's), then the plain-text last
     * resort; auto-replies are last so that no bounce is taken for one.
     */
    public static List<Dialect> fallbacks(Limits limits) {
        return List.of(new Rfc3464Dialect(limits), new PersonalNoteDialect(), new PlainTextDialect(limits),
                new AutoReplyDialect(limits));
    }

    public static DialectOrder standardOrder(Limits limits) {
        return new DialectOrder(specific(limits), fallbacks(limits), hints());
    }

    public static Decoder standardDecoder() {
        return new Decoder(standardOrder(Limits.DEFAULT), Originals.standard(), Limits.DEFAULT);
    }
}
