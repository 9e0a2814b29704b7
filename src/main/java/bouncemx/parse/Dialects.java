package bouncemx.parse;

import bouncemx.parse.dialect.ArfDialect;
import bouncemx.parse.dialect.AutoReplyDialect;
import bouncemx.parse.dialect.DominoDialect;
import bouncemx.parse.dialect.Exchange2003Dialect;
import bouncemx.parse.dialect.Exchange2007Dialect;
import bouncemx.parse.dialect.ImailServerDialect;
import bouncemx.parse.dialect.MessagingServerDialect;
import bouncemx.parse.dialect.NotesDialect;
import bouncemx.parse.dialect.Office365Dialect;
import bouncemx.parse.dialect.OutlookDialect;
import bouncemx.parse.dialect.SendmailDialect;
import bouncemx.parse.dialect.V5SendmailDialect;
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
                new SendmailDialect(limits), new V5SendmailDialect(),
                new Office365Dialect(limits), new Exchange2007Dialect(limits), new Exchange2003Dialect(),
                new OutlookDialect(limits), new DominoDialect(limits), new NotesDialect(),
                new MessagingServerDialect(limits), new ImailServerDialect());
    }

    /** Cheap signals that move a dialect forward (see {@link DialectOrder}). */
    public static List<DialectOrder.Hint> hints() {
        return List.of(
                // sendmail 8 and 5 Subjects (savemail.c): cheap and specific
                DialectOrder.Hint.subject("sendmail", "see transcript for details", "could not send message for past"),
                DialectOrder.Hint.subject("v5sendmail", "returned mail:"),
                // Microsoft: Exchange Online and on-premises Exchange share the "Undeliverable:" Subject; each
                // dialect rejects the other's reports by the generating server
                DialectOrder.Hint.subject("office365", "undeliverable:"),
                DialectOrder.Hint.subject("exchange2007", "undeliverable:"),
                DialectOrder.Hint.xMailer("exchange2003", "internet mail service (", "internet mail connector"),
                DialectOrder.Hint.subject("outlook", "delivery status notification"),
                // Lotus: Domino and the older Notes SMTP MTA
                DialectOrder.Hint.subject("domino", "delivery failure:"),
                DialectOrder.Hint.subject("notes", "undeliverable message"),
                DialectOrder.Hint.subject("messagingserver", "delivery notification:"),
                DialectOrder.Hint.subject("imailserver", "undeliverable mail"),
                DialectOrder.Hint.xMailer("imailserver", "<smtp32 v"));
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
