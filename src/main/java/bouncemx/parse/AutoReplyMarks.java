package bouncemx.parse;

import java.util.List;
import java.util.Locale;

/**
 * The marks of an automatic reply (RFC 3834 and what responders write instead), and of a message from a mail system,
 * read by the auto-reply dialect and by the RFC 3464 dialect (which leaves to the former a delivery report that only
 * frames a reply, {@link #framesAReply}). Stateless, thread-safe.
 */
public final class AutoReplyMarks {
    private AutoReplyMarks() {}

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
            "automated reply", "automated response", "auto-reply", "autoreply", "auto reply",
            "out of the office", "out of office", "away from the office", "away from my mail", "not be reading my mail",
            "on vacation", "on holiday", "on annual leave", "on leave until", "won't be back", "will not be back",
            "will be back", "back in the office", "when i return", "when i am back", "no access to email",
            "limited access to email", "no longer in use", "no longer with", "no longer work", "has left", "have left",
            "nicht im büro", "abwesend", "außer haus", "im urlaub", "absent du bureau", "absente du bureau",
            "en congé", "fuera de la oficina", "de vacaciones", "不在", "休暇",
            // help desks' acknowledgements (Zendesk's "Your request (48213) has been received", "Thank you for
            // contacting ...")
            "has been received", "we have received your", "we received your", "thank you for contacting",
            "thanks for contacting", "thank you for your message", "thank you for your email",
            "thank you for your e-mail");

    private static final int RESPONDER_TEXT_SPAN = 600;

    /**
     * Words of a delivery failure (lowercase): a message with a responder's mark whose opening says one of these is a
     * notice of a mail system no dialect read ("This is an automatically generated Delivery Status Notification ...
     * could not be delivered"), not an automatic reply, whatever else it says.
     */
    private static final List<String> FAILURE_TEXTS = List.of("could not be delivered", "couldn't be delivered",
            "was not delivered", "wasn't delivered", "undeliverable", "delivery failed", "delivery has failed",
            "delivery to the following", "could not deliver", "unable to deliver", "permanent error",
            "permanent failure", "user unknown", "mailbox unavailable", "delivery status notification");

    /** Texts in a Subject that mean delivery failed: such a message is a bounce, not an auto-reply. */
    private static final List<String> BOUNCE_SUBJECTS = List.of(
            "undeliver", "undelivered", "returned mail", "delivery status notification", "failure notice",
            "delivery failure", "mail delivery failed", "non-deliver", "nondeliver", "could not be delivered",
            "delivery notification", "mail system error", "bounce", "delivery has failed", "not delivered",
            "returned to sender", "delivery problem", "warning: message", "delayed mail", "delivery delayed",
            "error sending your mail", "could not send");

    /** Subjects of a mail system's success report (Postfix's, Exchange's "Delivered:", return receipts), lowercase. */
    private static final List<String> SUCCESS_SUBJECTS = List.of("successful mail delivery", "delivery report",
            "delivered:", "relayed:", "return receipt", "delivery receipt");

    private static final List<String> DAEMON_LOCALPARTS = List.of("mailer-daemon", "postmaster", "mail-daemon",
            "mailerdaemon", "mdaemon");

    /**
     * Marked as an automatic reply: Auto-Submitted auto-replied, X-Autoreply, X-Autorespond, Precedence auto_reply,
     * X-Autogenerated reply, a responder's Subject ({@link #SUBJECT_PREFIXES}), or a responder's mark with a
     * responder's words ({@link #responderMark}, {@link #RESPONDER_TEXTS}). Bounces carry some of these too: see
     * {@link #fromAMailSystem}.
     */
    public static boolean marked(BounceMessage m) {
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
     * ("Return-Path: &lt;&gt;", vacation -z); and "Auto-Submitted: auto-generated", which help desks write on
     * their acknowledgements (RFC 3834 asks auto-replied of them) and mail systems on their notices. Newsletters and list mail carry some of them too, and a person's
     * reply none: alone they say nothing, with {@link #RESPONDER_TEXTS} they make an automatic reply.
     */
    static boolean responderMark(BounceMessage m) {
        String as = m.headers().get("auto-submitted");
        if (as != null && as.strip().toLowerCase(Locale.ROOT).startsWith("auto-generated")) return true;
        String prec = m.headers().get("precedence");
        if (prec != null) {
            String p = prec.strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("bulk") || p.startsWith("junk")) return true;
        }
        if (m.headers().has("x-loop")) return true;
        String rp = m.headers().get("return-path");
        return rp != null && rp.strip().equals("<>");
    }

    /**
     * The Subject or the opening of the text ({@code textLower}) has one of {@link #RESPONDER_TEXTS}, and the opening
     * none of {@link #FAILURE_TEXTS}.
     */
    static boolean responderWords(String subjectLower, String textLower) {
        String head = textLower.length() > RESPONDER_TEXT_SPAN ? textLower.substring(0, RESPONDER_TEXT_SPAN) : textLower;
        for (String f : FAILURE_TEXTS) if (head.contains(f)) return false;
        for (String w : RESPONDER_TEXTS) if (subjectLower.contains(w) || head.contains(w)) return true;
        return false;
    }

    /** From a mailer-daemon or postmaster, or with a delivery-failure Subject ({@link #BOUNCE_SUBJECTS}). */
    public static boolean fromAMailSystem(BounceMessage m) {
        String s = m.subjectLower();
        for (String b : BOUNCE_SUBJECTS) if (s.contains(b)) return true;
        String from = Addresses.first(m.header("from"));
        int at = from.indexOf('@');
        String local = at > 0 ? from.substring(0, at) : from;
        for (String d : DAEMON_LOCALPARTS) if (local.equals(d)) return true;
        // "From: mailer-daemon" with no domain, or "Mail Delivery Subsystem <...>" forms
        String fromText = m.fromLower();
        for (String d : DAEMON_LOCALPARTS) if (fromText.startsWith(d) || fromText.contains("<" + d + "@")) return true;
        return false;
    }

    /**
     * A delivery report that only says the message arrived ({@code recipients} all delivered, relayed or expanded),
     * marked as an automatic reply, not from a mail system and not under a success report's Subject: an autoresponder
     * that frames its reply as a report (Courier's mailbot -M writes the away text, then "Action: delivered" for the
     * address given to -M). Its meaning is the reply, not a delivery.
     */
    public static boolean framesAReply(BounceMessage m, List<RecipientStatus> recipients) {
        if (recipients.isEmpty()) return false;
        for (RecipientStatus r : recipients) {
            String a = r.action();
            boolean success = a.equals("delivered") || a.equals("relayed") || a.equals("expanded")
                    || (a.isEmpty() && r.status().startsWith("2"));
            if (!success) return false;
        }
        if (!marked(m) || fromAMailSystem(m)) return false;
        String s = m.subjectLower();
        for (String t : SUCCESS_SUBJECTS) if (s.contains(t)) return false;
        return true;
    }
}
