package bouncemx.parse;

import bouncemx.parse.dialect.AmazonSesDialect;
import bouncemx.parse.dialect.AmazonWorkMailDialect;
import bouncemx.parse.dialect.ArfDialect;
import bouncemx.parse.dialect.AutoReplyDialect;
import bouncemx.parse.dialect.ApacheJamesDialect;
import bouncemx.parse.dialect.BiglobeDialect;
import bouncemx.parse.dialect.CourierDialect;
import bouncemx.parse.dialect.EinsUndEinsDialect;
import bouncemx.parse.dialect.FmlDialect;
import bouncemx.parse.dialect.GmailDialect;
import bouncemx.parse.dialect.GmxDialect;
import bouncemx.parse.dialect.GoogleGroupsDialect;
import bouncemx.parse.dialect.GoogleWorkspaceDialect;
import bouncemx.parse.dialect.MailRuDialect;
import bouncemx.parse.dialect.OpenSmtpdDialect;
import bouncemx.parse.dialect.PostfixDialect;
import bouncemx.parse.dialect.VerizonDialect;
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
     * unambiguous signal and complaints must never be read as bounces.
     */
    public static List<Dialect> specific(Limits limits) {
        return List.of(new ArfDialect(limits),
                // providers' own templates (each checks its sender or subject before reading the body)
                new GmailDialect(), new GoogleGroupsDialect(), new GoogleWorkspaceDialect(limits), new YahooDialect(),
                new AmazonWorkMailDialect(limits), new AmazonSesDialect(limits), new ZohoDialect(), new MailRuDialect(),
                new GmxDialect(), new EinsUndEinsDialect(), new VerizonDialect(), new BiglobeDialect(),
                // MTAs: after the providers, whose relays reuse some MTA subjects ("Undelivered Mail Returned to Sender")
                new PostfixDialect(limits), new OpenSmtpdDialect(limits), new CourierDialect(limits),
                new ApacheJamesDialect(), new FmlDialect());
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
                DialectOrder.Hint.from("verizon", "vtext.com"),
                DialectOrder.Hint.from("biglobe", "biglobe.ne.jp"),
                // MTA subjects
                DialectOrder.Hint.subject("postfix", "undelivered mail returned to sender", "delayed mail (still being retried)"),
                DialectOrder.Hint.subject("opensmtpd", "delivery status notification"),
                DialectOrder.Hint.subject("courier", "notice: mail delivery status.", "warning: delayed mail."),
                DialectOrder.Hint.subject("apachejames", "[bounce]"),
                DialectOrder.Hint.subject("fml", "loop alert:", "security alert", "not member"));
    }

    /** RFC 3464 reads what no specific dialect claimed; auto-replies are last so no bounce is taken for one. */
    public static List<Dialect> fallbacks(Limits limits) {
        return List.of(new Rfc3464Dialect(limits), new AutoReplyDialect());
    }

    public static DialectOrder standardOrder(Limits limits) {
        return new DialectOrder(specific(limits), fallbacks(limits), hints());
    }

    public static Decoder standardDecoder() {
        return new Decoder(standardOrder(Limits.DEFAULT), Originals.standard(), Limits.DEFAULT);
    }
}
