package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.Senders;
import bouncemx.parse.TextScan;

import java.util.ArrayList;
import java.util.List;

/**
 * Sendmail 5 (and 8.x releases older than DSN support) bounces: Subject "Returned mail: &lt;reason&gt;",
 * a plain text with only a transcript and the returned message, no RFC 3464 part and no fatal-errors list:
 * <pre>
 *    ----- Transcript of session follows -----
 * While talking to mail.example.com:
 * &gt;&gt;&gt; RCPT To:&lt;user@example.com&gt;
 * &lt;&lt;&lt; 550 Requested User Mailbox not found.
 * 550 &lt;user@example.com&gt;... User unknown
 * 554 &lt;user@example.org&gt;... 550 Host unknown (Authoritative answer from name server)
 *
 *    ----- Unsent message follows -----          (or "----- No message was collected -----")
 * </pre>
 * One recipient per address the transcript's verdict lines name, in order; the server's reply lines before
 * a verdict are its diagnostic text (and their command the SMTP command), else the verdict's own text.
 * When no verdict names an address, the transcript's last "&gt;&gt;&gt; RCPT To:" is the recipient, else the
 * To: of the unsent message. Not mine unless the
 * Subject starts "returned mail:" or a mail system sent it ({@link Senders}), and the text has the transcript and unsent-message markers but no
 * sendmail 8 fatal-errors list; Undecodable when no recipient can be read. Stateless, thread-safe.
 */
public final class V5SendmailDialect implements Dialect {
    /** Where the returned message starts (sendmail 5 savemail.c). */
    private static final List<String> UNSENT = List.of("----- Unsent message follows -----",
            "----- No message was collected -----");

    @Override
    public String name() { return "v5sendmail"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        // sendmail's own Subject, or its transcript and unsent-message markers under another Subject (a
        // gateway's, a site's template) in a notice from a mail system
        if (!m.subjectLower().startsWith("returned mail:") && !Senders.mayBeNotice(m)) return ParseResult.NOT_MINE;
        String text = m.mainText();
        if (!text.contains(SendmailTranscript.MARKER) || text.contains(SendmailDialect.FATAL)) return ParseResult.NOT_MINE;
        int unsent = -1;
        for (String u : UNSENT) {
            int i = text.indexOf(u);
            if (i >= 0 && (unsent < 0 || i < unsent)) unsent = i;
        }
        if (unsent < 0) return ParseResult.NOT_MINE;
        SendmailTranscript t = SendmailTranscript.read(text);
        if (t == null) return ParseResult.NOT_MINE;

        // sendmail's warning that the message is still queued ("THIS IS A WARNING MESSAGE ONLY", "Will keep trying
        // until message is 5 days old"): every recipient is delayed, not failed (RFC 3464 2.3.3)
        String action = warning(text.substring(0, unsent)) ? "delayed" : "failed";
        List<RecipientStatus> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (SendmailTranscript.Entry e : t.addressed()) {
            if (e.address().indexOf('@') < 0 || seen.contains(e.address())) continue;
            seen.add(e.address());
            out.add(recipient(RecipientStatus.builder().address(e.address(), "text"), e, t, action));
        }
        if (out.isEmpty()) {
            // the transcript's last ">>> RCPT To:<address>" names the recipient better than the original's To
            // (which may be a list or an alias); that To is the last resort
            String address = lastRcptTo(text.substring(0, unsent));
            int to = TextScan.lineStarting(text, "To: ", unsent);
            if (address.isEmpty()) address = to < 0 ? "" : Addresses.first(text.substring(to + 4, lineEnd(text, to)));
            if (address.isEmpty()) return new ParseResult.Undecodable(name(), "sendmail 5 report without a recipient");
            out.add(recipient(RecipientStatus.builder().address(address, "header"), null, t, action));
        }
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    private static RecipientStatus recipient(RecipientStatus.Builder b, SendmailTranscript.Entry e, SendmailTranscript t,
                                             String action) {
        String diag;
        if (e != null && !e.replies().isEmpty()) {
            diag = e.reply();
            b.command(e.command().isEmpty() ? "CONN" : e.command());
            b.remoteMta(e.host());
            b.diagnosticType("smtp");
        } else if (e != null) {
            diag = e.text();
        } else {
            SendmailTranscript.Entry g = t.general();
            diag = g != null && !g.replies().isEmpty() ? g.reply() : t.unaddressedText();
            if (g != null && !g.replies().isEmpty()) b.command(g.command()).remoteMta(g.host());
        }
        b.diagnosticText(diag);
        b.replyCode(Codes.leadingReplyCode(diag));
        if (b.replyCode().isEmpty() && e != null) b.replyCode(e.code());
        b.status(e == null ? "" : e.status());
        b.action(action);
        return b.build();
    }

    /** sendmail's warning banner and its "keep trying" line (savemail.c, 8.x before DSN). */
    private static final List<String> WARNING = List.of("this is a warning message only", "will keep trying until");

    private static boolean warning(String transcript) {
        return TextScan.containsAny(transcript.toLowerCase(java.util.Locale.ROOT), WARNING);
    }

    private static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }

    /** The address of the last "&gt;&gt;&gt; RCPT To:&lt;...&gt;" line, or "". */
    private static String lastRcptTo(String transcript) {
        String lower = transcript.toLowerCase(java.util.Locale.ROOT);
        int at = lower.lastIndexOf(">>> rcpt to:");
        if (at < 0) return "";
        return Addresses.first(transcript.substring(at + 12, lineEnd(transcript, at)));
    }
}
