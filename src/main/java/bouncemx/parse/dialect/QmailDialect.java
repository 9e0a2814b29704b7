package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.Dialect;
import bouncemx.parse.FixedTexts;
import bouncemx.parse.ParseResult;
import bouncemx.parse.ReasonTexts;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.Senders;
import bouncemx.parse.TextScan;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static bouncemx.parse.ReasonTexts.row;

/**
 * qmail 1.03 and netqmail (qmail-send), with the qmail-ldap, vpopmail (vdelivermail) and indimail-mta
 * variants. Built from the fixed texts of qmail-send.c, qmail-remote.c and qmail-local.c:
 * <pre>
 * Hi. This is the qmail-send program at mx.example.jp.
 * I'm afraid I wasn't able to deliver your message to the following addresses.
 * This is a permanent error; I've given up. Sorry it didn't work out.
 *
 * &lt;user@example.jp&gt;:                        one paragraph per address
 * 192.0.2.1 does not like recipient.                 qmail-remote: RCPT refused (also "Connected to X but
 * Remote host said: 550 5.1.1 ... User Unknown          sender was rejected." = MAIL, "... but my name was
 * Giving up on 192.0.2.1.                               rejected." = HELO, "X failed on DATA command.",
 *                                                       "X failed after I sent the message." = DATA)
 * I'm not going to try again; this message has been in the queue too long.
 * --- Below this line is a copy of the message.      (indimail: "--- Enclosed is a copy of the message.")
 * </pre>
 * The diagnostic text is what follows "Remote host said:" (the remote server's reply, all its lines), else
 * the local text (qmail-remote's "Sorry, I couldn't find any host named ... (#5.1.2)", qmail-local's
 * "Sorry, no mailbox here by that name. (#5.1.1)", vdelivermail and qmail-ldap messages) without
 * qmail-send's own sentences. Status codes are read as written ("550 5.1.1", "(#4.4.1)"). A reason hint is
 * given only for qmail's own fixed texts when the remote server said nothing, e.g. the queue lifetime
 * notice alone is {@code expired}.
 *
 * <p>Returns NOT_MINE unless the headers look like a qmail bounce (Subject "failure notice", a
 * "(qmail ... invoked for bounce)" Received line, or a MAILER-DAEMON sender) and the body carries
 * qmail-send's introduction; Undecodable when no "&lt;address&gt;:" paragraph is found. Stateless, thread-safe.
 */
public final class QmailDialect implements Dialect {

    /** qmail-send.c's fixed introduction (lowercase, blanks folded); one must be in the body. */
    private static final List<String> BODY_MARKERS = List.of("this is the qmail-send program",
            "hi. this is the qmail", "i'm afraid i wasn't able to deliver your message to the following addresses");

    /** {@link #BODY_MARKERS} looked for in one pass (FixedTexts: under C1 a contains per text was a plain loop each). */
    private static final FixedTexts BODY_TEXTS = new FixedTexts(BODY_MARKERS);

    /** Where the returned message starts (qmail-send.c; indimail and qmail-ldap's "enclosed" forms). */
    private static final List<String> SEPARATORS = List.of("--- Below this line is a copy of the message",
            "--- Enclosed is a copy of the message", "--- Enclosed are the original headers of the message",
            "--- Below this line is the original", "--- Below this line is a copy of the mail header",
            "--- Below the next line is a copy of the message", "--- Mensaje original adjunto",
            "Original message follows.");

    /** indimail-mta prefixes qmail-remote's line with the envelope: "From: &lt;a&gt; RCPT: &lt;b&gt; 192.0.2.1 failed ...". */
    private static final Pattern INDIMAIL_PREFIX = Pattern.compile("^From: <[^>]*> RCPT: <[^>]*>\\s*");

    /** qmail-remote.c's session lines: which SMTP command failed, and at which host (group 1). */
    private record SessionLine(Pattern pattern, String command) {}

    private static final List<SessionLine> SESSION_LINES = List.of(
            new SessionLine(Pattern.compile("^Connected to (\\S+) but sender was rejected\\."), "MAIL"),
            new SessionLine(Pattern.compile("^Connected to (\\S+) but my name was rejected\\."), "HELO"),
            new SessionLine(Pattern.compile("^Connected to (\\S+) but greeting failed\\."), "CONN"),
            new SessionLine(Pattern.compile("^(\\S+) does not like recipient\\."), "RCPT"),
            new SessionLine(Pattern.compile("^(\\S+) failed on DATA command\\."), "DATA"),
            new SessionLine(Pattern.compile("^(\\S+) failed after I sent the message\\."), "DATA"),
            new SessionLine(Pattern.compile("^Giving up on (\\S+?)\\.?$"), ""));

    private static final String REMOTE_SAID = "Remote host said:";

    /** qmail-send.c:922, the queue lifetime notice; never part of the diagnostic text. */
    private static final String QUEUE_TOO_LONG = "I'm not going to try again; this message has been in the queue too long.";

    /** qmail-remote.c: "Sorry, no SMTP connection got far enough; most progress was RCPT TO." */
    private static final Pattern MOST_PROGRESS = Pattern.compile("most progress was (RCPT|MAIL|DATA|HELO|EHLO)");

    /**
     * qmail's own texts (no remote reply) that name their cause, in the order tried. Sources: the
     * qmail-ldap patch (LDAP and account texts), qmail-local.c and error_str.c (mailbox, quota),
     * qmail-remote.c (DNS and connection texts).
     */
    private static final ReasonTexts OWN_TEXTS = ReasonTexts.of(
            row(Reason.SUSPEND, "mailaddress is administratively disabled", "mailaddress is administrativley disabled",
                    "mailaddress is administrativly disabled"),
            row(Reason.USER_UNKNOWN, "sorry, no mailbox here by that name"),
            row(Reason.EXCEED_LIMIT, "the message exeeded the maximum size the user accepts"),
            row(Reason.SYSTEM_ERROR, "automatic homedir creator crashed", "illegal value in ldap attribute",
                    "ldap attribute is not given but mandatory", "timeout while performing search on ldap server",
                    "too many results returned but needs to be unique", "permanent error while executing qmail-forward",
                    "temporary error in automatic homedir creation", "temporary error while executing qmail-forward",
                    "temporary failure in ldap lookup", "unable to contact ldap server",
                    "unable to login into ldap server"),
            row(Reason.MAILBOX_FULL, "disk quota exceeded"),
            row(Reason.HOST_UNKNOWN, "sorry, i couldn't find any host named", "sorry, i couldn't find any host by that name"),
            row(Reason.NOT_ACCEPT, "sorry, i couldn't find a mail exchanger or ip address"),
            row(Reason.NETWORK_ERROR, "sorry, i wasn't able to establish an smtp connection",
                    "although i'm listed as a best-preference mx or a for that host"));

    @Override
    public String name() { return "qmail"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!looksLikeQmail(m)) return ParseResult.NOT_MINE;
        String text = m.mainText();
        if (text.indexOf('\r') >= 0) text = text.replace("\r", "");
        String head = TextScan.foldLowerHead(text, 8192);
        if (!BODY_TEXTS.anyIn(head)) return ParseResult.NOT_MINE;

        List<RecipientStatus> out = new ArrayList<>();
        Paragraph current = null;
        List<Paragraph> paragraphs = new ArrayList<>();
        boolean started = false;
        int pos = 0;
        int lines = 0;
        while (pos < text.length() && lines++ < 5000) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) eol = text.length();
            String line = TextScan.stripTrailingBlanks(text.substring(pos, eol)).trim();
            pos = eol + 1;
            if (!started) {
                started = line.toLowerCase(Locale.ROOT).contains("qmail") || line.startsWith("I'm afraid I wasn't able");
                continue;
            }
            if (TextScan.startsWithAny(line, SEPARATORS)) break;
            if (line.isEmpty()) continue;
            int close = line.startsWith("<") ? line.indexOf(">:") : -1;
            if (close > 0 && line.indexOf('@') > 0 && line.indexOf('@') < close) {
                // "<a@b>:" alone, or with the first line of its text after it
                String a = Addresses.normalize(line.substring(0, close + 1));
                if (!a.isEmpty()) {
                    current = new Paragraph(a);
                    paragraphs.add(current);
                    String rest = line.substring(close + 2).trim();
                    if (!rest.isEmpty()) current.add(rest);
                    continue;
                }
            }
            if (current != null) current.add(line);
        }
        for (Paragraph p : paragraphs) out.add(p.recipient());
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "qmail bounce without an <address>: paragraph");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    private static boolean looksLikeQmail(BounceMessage m) {
        if (m.subjectLower().contains("failure notice") || m.fromLower().contains("mailer-daemon") || Senders.mayBeNotice(m)) {
            return true;
        }
        for (String r : m.headers().all("received")) {
            if (r.contains("invoked for bounce")) return true;
        }
        return false;
    }

    /** The lines qmail-send wrote for one address. */
    private static final class Paragraph {
        final String address;
        final StringBuilder own = new StringBuilder();
        final StringBuilder remote = new StringBuilder();
        boolean remoteSaid;
        boolean queueTooLong;
        String command = "";
        String remoteMta = "";

        Paragraph(String address) { this.address = address; }

        void add(String rawLine) {
            String line = INDIMAIL_PREFIX.matcher(rawLine).replaceFirst("");
            if (line.startsWith(QUEUE_TOO_LONG)) {
                queueTooLong = true;
                return;
            }
            for (SessionLine s : SESSION_LINES) {
                Matcher mt = s.pattern().matcher(line);
                if (mt.find()) {
                    if (command.isEmpty()) command = s.command();
                    if (remoteMta.isEmpty()) remoteMta = stripDot(mt.group(1)).toLowerCase(Locale.ROOT);
                    String rest = line.substring(mt.end()).trim();
                    if (!rest.isEmpty()) append(rest);
                    return;
                }
            }
            if (line.startsWith(REMOTE_SAID)) {
                remoteSaid = true;
                remote.setLength(0);
                line = line.substring(REMOTE_SAID.length()).trim();
                if (!line.isEmpty()) remote.append(line);
                return;
            }
            append(line);
        }

        private void append(String s) {
            StringBuilder b = remoteSaid ? remote : own;
            if (!b.isEmpty()) b.append('\n');
            b.append(s);
        }

        RecipientStatus recipient() {
            var b = RecipientStatus.builder().address(address, "text").action("failed");
            String ownText = TextScan.fold(own.toString());
            boolean expired = queueTooLong || ownText.contains(QUEUE_TOO_LONG);
            ownText = ownText.replace(QUEUE_TOO_LONG, "").trim();
            String remoteText = ReplyText.join(remote.toString().replace(QUEUE_TOO_LONG, ""));
            String diag = remoteSaid ? remoteText : ownText;
            if (command.isEmpty()) {
                Matcher mp = MOST_PROGRESS.matcher(ownText);
                if (mp.find()) command = mp.group(1);
            }
            b.diagnostic(remoteSaid ? "smtp" : "", diag);
            b.status(Codes.status(diag));
            if (remoteSaid) b.replyCode(Codes.leadingReplyCode(diag));
            b.command(command);
            b.remoteMta(remoteMta);
            if (!remoteSaid) {
                Reason hint = OWN_TEXTS.in(ownText.toLowerCase(Locale.ROOT));
                if (hint == null && ownText.isEmpty() && command.isEmpty() && expired) hint = Reason.EXPIRED;
                b.reasonHint(hint);
            }
            return b.build();
        }
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
