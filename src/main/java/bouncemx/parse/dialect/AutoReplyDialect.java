package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.AutoReplyMarks;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.Limits;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;
import bouncemx.parse.rfc3464.DeliveryStatus;
import bouncemx.reason.Reason;

import java.util.List;

/**
 * Automatic replies: RFC 3834 ("Auto-Submitted: auto-replied") and the de-facto markers vacation
 * programs and mail systems write (X-Autoreply, X-Autorespond, Precedence: auto_reply, and the
 * localised subject prefixes of Exchange/Outlook, Gmail, Yahoo, Zimbra and others). The recipient is the
 * person who is away: the reply's From. Bounces also carry Auto-Submitted (RFC 3464 section 2, and
 * RFC 3834 section 5), so a message from a mailer-daemon/postmaster or with a delivery-failure subject is
 * never taken as an auto-reply; this dialect runs after every bounce dialect. Stateless, thread-safe.
 */
public final class AutoReplyDialect implements Dialect {
    private final Limits limits;

    /** With the decoder's limits: the delivery-status part it reads is the one the RFC 3464 reader read. */
    public AutoReplyDialect(Limits limits) {
        this.limits = limits;
    }

    public AutoReplyDialect() {
        this(Limits.DEFAULT);
    }

    /**
     * Unsubscribe notices (issue 13, list 3): a request sent to a List-Unsubscribe mailto address (RFC 2369;
     * mailbox providers send it with the Subject "unsubscribe", often marked Auto-Submitted) and a list
     * manager's confirmation ("You have been unsubscribed", "Unsubscribe request received"). They say the
     * person does not want the mail, not that they are away: never an auto-reply. Subject texts, lowercase.
     */
    private static final List<String> UNSUBSCRIBE_SUBJECTS = List.of("unsubscribe", "you have been unsubscribed",
            "you are unsubscribed", "you have been removed", "unsubscription", "désinscription", "desinscription",
            "abmeldung", "abbestell", "cancelar suscripción", "baja de la lista", "disiscrizione", "uitschrijving",
            "退订", "配信停止");

    /** Sentences of a list manager's confirmation near the start of the text (lowercase). */
    private static final List<String> UNSUBSCRIBE_TEXTS = List.of("you have been unsubscribed",
            "have been removed from the", "has been removed from the", "request to unsubscribe",
            "your unsubscribe request", "successfully unsubscribed");

    @Override
    public String name() { return "rfc3834"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        // a read receipt (RFC 8098 MDN: "displayed", "deleted without being read") says nobody is away
        if (!AutoReplyMarks.marked(m) || looksLikeBounce(m) || unsubscribeNotice(m) || listRefusal(m)
                || m.firstPart("message/disposition-notification") != null) return ParseResult.NOT_MINE;
        String from = Addresses.first(m.header("from"));
        String source = "header";
        if (from.isEmpty()) {
            from = Addresses.first(m.header("reply-to"));
        }
        if (!from.isEmpty() && source.equals("header") && responderAccount(from)) {
            String named = mailboxNamedBy(m.mainText(), from);
            if (!named.isEmpty()) {
                from = named;
                source = "text";
            }
        }
        String text = TextScan.fold(m.mainText());
        if (text.length() > 1024) text = text.substring(0, 1024);
        var r = RecipientStatus.builder().address(from, from.isEmpty() ? "" : source).diagnosticText(text)
                .reasonHint(Reason.VACATION);
        return new ParseResult.Decoded(name(), new Report(Report.Kind.AUTO_REPLY, "", "", "", List.of(r.build()), null));
    }

    /** Local parts (letters only, lowercase) of a responder's own account, which is not the mailbox it answers for. */
    private static final List<String> RESPONDER_ACCOUNTS = List.of("noreply", "donotreply", "dontreply", "noresponse",
            "autoreply", "autoresponder", "autoresponse");

    /** Characters of the reply's text searched for the mailbox it answers for. */
    private static final int NAMED_MAILBOX_SPAN = 2048;

    /** True when {@code address} is a responder's own account ("noreply@", "do-not-reply@", "autoresponder@"). */
    static boolean responderAccount(String address) {
        int at = address.indexOf('@');
        if (at <= 0) return false;
        StringBuilder letters = new StringBuilder(at);
        for (int i = 0; i < at; i++) {
            char c = Character.toLowerCase(address.charAt(i));
            if (c >= 'a' && c <= 'z') letters.append(c);
        }
        return RESPONDER_ACCOUNTS.contains(letters.toString());
    }

    /**
     * The mailbox a responder writing from its own account ({@link #responderAccount}) answers for: the first address
     * in the opening of {@code text} ("You sent an e-mail to info@x") in the responder's domain or one of its
     * subdomains (or the other way round), not the responder itself; "" when the text names none (a new contact
     * elsewhere is not it). {@code responder} is lowercase, as {@link Addresses} gives it.
     */
    static String mailboxNamedBy(String text, String responder) {
        String domain = responder.substring(responder.indexOf('@') + 1);
        int end = Math.min(text.length(), NAMED_MAILBOX_SPAN);
        int pos = 0;
        while (pos < end) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0 || eol > end) eol = end;
            if (text.lastIndexOf('@', eol - 1) >= pos) {
                String a = Addresses.first(text.substring(pos, eol));
                int at = a.indexOf('@');
                if (at > 0 && !a.equals(responder) && sameSite(a.substring(at + 1), domain)) return a;
            }
            pos = eol + 1;
        }
        return "";
    }

    /** Two domains (lowercase, as {@link Addresses} gives them) that are one site: the same, or one under the other. */
    private static boolean sameSite(String a, String b) {
        return a.equals(b) || a.endsWith("." + b) || b.endsWith("." + a);
    }

    /**
     * A mailing-list manager refusing or holding a post (Sympa's "You are not allowed to send this message", Mailman's
     * "awaits moderator approval", LISTSERV's "You are not authorized to send mail to"): marked as automatic, but it
     * says nobody is away (lowercase, near the start of the text).
     */
    private static final List<String> LIST_REFUSALS = List.of("you are not allowed to send this message",
            "awaits moderator approval", "is being held until the list moderator", "not authorized to send mail to",
            "only subscribers may post", "do not have permission to post", "post by non-member");

    /** A list manager's refusal or hold of a post ({@link #LIST_REFUSALS}). */
    static boolean listRefusal(BounceMessage m) {
        if (refuses(m.mainTextLower())) return true;
        // the refusal's own words above the post it returns quoted (or quoted in turn by someone's reply); a
        // writer's level of the message reads only its writer's words, so its first text part is looked at too
        for (BounceMessage w : m.writersTexts()) if (refuses(w.mainTextLower())) return true;
        for (bouncemx.parse.MimePart p : m.reportParts()) {
            if (p.isPlainText()) return refuses(TextScan.lower(p.text()));
        }
        return false;
    }

    private static boolean refuses(String lower) {
        return TextScan.containsAny(lower.length() > 2048 ? lower.substring(0, 2048) : lower, LIST_REFUSALS);
    }

    /** An unsubscribe request or confirmation ({@link #UNSUBSCRIBE_SUBJECTS}, {@link #UNSUBSCRIBE_TEXTS}). */
    static boolean unsubscribeNotice(BounceMessage m) {
        String s = m.subjectLower().strip();
        for (String p : UNSUBSCRIBE_SUBJECTS) if (s.startsWith(p) || s.startsWith("re: " + p)) return true;
        String text = m.mainTextLower();
        if (text.length() > 2048) text = text.substring(0, 2048);
        for (String t : UNSUBSCRIBE_TEXTS) if (text.contains(t)) return true;
        return false;
    }

    /**
     * From a mail system ({@link AutoReplyMarks#fromAMailSystem}), or carrying a delivery report or a feedback report:
     * a bounce or a complaint, not an auto-reply; unless the delivery report only frames an automatic reply
     * ({@link AutoReplyMarks#framesAReply}).
     */
    boolean looksLikeBounce(BounceMessage m) {
        if (AutoReplyMarks.fromAMailSystem(m) || ArfDialect.feedbackPart(m) != null) return true;
        if (DeliveryStatus.part(m) == null) return false;
        DeliveryStatus ds = DeliveryStatus.fromParts(m, limits);
        return ds == null || !AutoReplyMarks.framesAReply(m, ds.recipients());
    }
}
