package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;
import bouncemx.parse.rfc3464.DeliveryStatus;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.Locale;

/**
 * Automatic replies: RFC 3834 ("Auto-Submitted: auto-replied") and the de-facto markers vacation
 * programs and mail systems write (X-Autoreply, X-Autorespond, Precedence: auto_reply, and the
 * localised subject prefixes of Exchange/Outlook, Gmail, Yahoo, Zimbra and others). The recipient is the
 * person who is away: the reply's From. Bounces also carry Auto-Submitted (RFC 3464 section 2, and
 * RFC 3834 section 5), so a message from a mailer-daemon/postmaster or with a delivery-failure subject is
 * never taken as an auto-reply; this dialect runs after every bounce dialect. Stateless, thread-safe.
 */
public final class AutoReplyDialect implements Dialect {

    /** Subject prefixes (lowercased) that vacation responders write; first match wins. */
    private static final List<String> SUBJECT_PREFIXES = List.of(
            "auto:", "automatic reply:", "autoreply:", "auto-reply:", "auto reply:", "auto response:",
            "autoresponse:", "auto-response:", "out of office:", "out of office autoreply", "out of the office",
            "abwesenheitsnotiz", "automatische antwort", "réponse automatique", "respuesta automática",
            "risposta automatica", "autosvar", "automatisch antwoord", "automatyczna odpowiedź",
            "resposta automática", "自動応答", "自动回复", "자동 회신", "i am out of the office", "on vacation",
            // responders that write no header mark: vacation(1)'s default Subject and its manual's example, and the
            // like in other words and languages
            "away from my mail", "i am on vacation", "i am away", "i'm away", "away from the office",
            "not in the office", "abwesend", "absent du bureau", "absente du bureau", "fuera de la oficina");

    /**
     * Words near the start of a reply (its Subject or the first {@link #RESPONDER_TEXT_SPAN} characters of its text,
     * lowercase) that say it was written by a responder: it replies automatically, the person is away, or the address
     * or person is gone. They count only on a message that carries a responder's mark ({@link #responderMark}).
     */
    private static final List<String> RESPONDER_TEXTS = List.of("automatic reply", "automatic response",
            "automated reply", "automated response", "auto-reply", "autoreply", "auto reply", "automatically generated",
            "out of the office", "out of office", "away from the office", "away from my mail", "not be reading my mail",
            "on vacation", "on holiday", "on annual leave", "on leave until", "won't be back", "will not be back",
            "will be back", "back in the office", "when i return", "when i am back", "no access to email",
            "limited access to email", "no longer in use", "no longer with", "no longer work", "has left", "have left",
            "nicht im büro", "abwesend", "außer haus", "im urlaub", "absent du bureau", "absente du bureau",
            "en congé", "fuera de la oficina", "de vacaciones", "不在", "休暇");

    private static final int RESPONDER_TEXT_SPAN = 600;

    /** Texts in a Subject that mean delivery failed: such a message is a bounce, not an auto-reply. */
    private static final List<String> BOUNCE_SUBJECTS = List.of(
            "undeliver", "undelivered", "returned mail", "delivery status notification", "failure notice",
            "delivery failure", "mail delivery failed", "non-deliver", "nondeliver", "could not be delivered",
            "delivery notification", "mail system error", "bounce", "delivery has failed", "not delivered",
            "returned to sender", "delivery problem", "warning: message", "delayed mail", "delivery delayed",
            "error sending your mail", "could not send");

    private static final List<String> DAEMON_LOCALPARTS = List.of("mailer-daemon", "postmaster", "mail-daemon",
            "mailerdaemon", "mdaemon");

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
        if (!isAutoReply(m) || looksLikeBounce(m) || unsubscribeNotice(m)) return ParseResult.NOT_MINE;
        String from = Addresses.first(m.header("from"));
        String source = "header";
        if (from.isEmpty()) {
            from = Addresses.first(m.header("reply-to"));
        }
        String text = TextScan.fold(m.mainText());
        if (text.length() > 1024) text = text.substring(0, 1024);
        var r = RecipientStatus.builder().address(from, from.isEmpty() ? "" : source).diagnosticText(text)
                .reasonHint(Reason.VACATION);
        return new ParseResult.Decoded(name(), new Report(Report.Kind.AUTO_REPLY, "", "", "", List.of(r.build()), null));
    }

    static boolean isAutoReply(BounceMessage m) {
        String as = m.headers().get("auto-submitted");
        if (as != null && as.trim().toLowerCase(Locale.ROOT).startsWith("auto-replied")) return true;
        if (m.headers().has("x-autoreply") || m.headers().has("x-autorespond") || m.headers().has("x-auto-reply")) {
            return true;
        }
        String prec = m.headers().get("precedence");
        if (prec != null && prec.trim().toLowerCase(Locale.ROOT).startsWith("auto_reply")) return true;
        String xag = m.headers().get("x-autogenerated");
        if (xag != null && xag.trim().equalsIgnoreCase("reply")) return true;
        String s = m.subjectLower().trim();
        for (String p : SUBJECT_PREFIXES) if (s.startsWith(p)) return true;
        return responderMark(m) && responderWords(s, m.mainTextLower());
    }

    /**
     * The marks older responders set instead of Auto-Submitted: "Precedence: bulk" or "junk" (vacation(1)'s
     * message files, procmail's formail recipe), an X-Loop field (procmail, list servers), a null envelope sender
     * ("Return-Path: &lt;&gt;", vacation -z). Newsletters and list mail carry some of them too, and a person's
     * reply none: alone they say nothing, with {@link #RESPONDER_TEXTS} they make an automatic reply.
     */
    static boolean responderMark(BounceMessage m) {
        String prec = m.headers().get("precedence");
        if (prec != null) {
            String p = prec.strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("bulk") || p.startsWith("junk")) return true;
        }
        if (m.headers().has("x-loop")) return true;
        String rp = m.headers().get("return-path");
        return rp != null && rp.strip().equals("<>");
    }

    /** The Subject or the opening of the text ({@code textLower}) has one of {@link #RESPONDER_TEXTS}. */
    static boolean responderWords(String subjectLower, String textLower) {
        String head = textLower.length() > RESPONDER_TEXT_SPAN ? textLower.substring(0, RESPONDER_TEXT_SPAN) : textLower;
        for (String w : RESPONDER_TEXTS) if (subjectLower.contains(w) || head.contains(w)) return true;
        return false;
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

    static boolean looksLikeBounce(BounceMessage m) {
        String s = m.subjectLower();
        for (String b : BOUNCE_SUBJECTS) if (s.contains(b)) return true;
        String from = Addresses.first(m.header("from"));
        int at = from.indexOf('@');
        String local = at > 0 ? from.substring(0, at) : from;
        for (String d : DAEMON_LOCALPARTS) if (local.equals(d)) return true;
        // "From: mailer-daemon" with no domain, or "Mail Delivery Subsystem <...>" forms
        String fromText = m.fromLower();
        for (String d : DAEMON_LOCALPARTS) if (fromText.startsWith(d) || fromText.contains("<" + d + "@")) return true;
        return DeliveryStatus.part(m) != null || m.firstPart("message/feedback-report") != null;
    }
}
