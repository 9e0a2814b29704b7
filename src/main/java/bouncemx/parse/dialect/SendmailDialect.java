package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.Dialect;
import bouncemx.parse.Limits;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.Senders;
import bouncemx.parse.rfc3464.DeliveryStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sendmail 8 (and MTAs built on it) bounces and delay warnings, as savemail.c writes them: Subject
 * "Returned mail: see transcript for details", "Postmaster notify: see transcript for details" or
 * "Warning: could not send message for past 4 hours" (also when forwarded: "Fwd: ..."), a text with
 * <pre>
 *    ----- The following addresses had permanent fatal errors -----
 * &lt;user@example.com&gt;
 *     (reason: 550 5.1.1 &lt;user@example.com&gt;... User unknown)
 *
 *    ----- Transcript of session follows -----
 * ... while talking to mx.example.com.:
 * &gt;&gt;&gt; DATA
 * &lt;&lt;&lt; 550 5.1.1 &lt;user@example.com&gt;... User unknown
 * 550 5.1.1 &lt;user@example.com&gt;... User unknown
 * </pre>
 * and usually an RFC 3464 part. The recipients are those of the DSN part (or of DSN fields pasted into a
 * forwarded copy), else the fatal-errors list, else the transcript's verdicts. Each recipient combines
 * the DSN fields with the transcript (see {@link SendmailTranscript}): the server's reply lines are the
 * diagnostic text (the DSN keeps only their first line), the command they answered is the SMTP command,
 * the host talked to is the remote MTA when the DSN names none. A local mailer's output (X-Unix
 * diagnostics that are only an exit code) becomes the diagnostic text. The Status field is sendmail's own
 * reading of the reply (any 550 to RCPT becomes 5.1.1; a queue timeout is 4.4.7 whatever the cause); when
 * the transcript holds the remote server's own enhanced code for that recipient (same class, or under a
 * queue timeout), the server's code is reported instead. Not mine unless the Subject is one of
 * sendmail's and the text has its fatal-errors or transcript marker; Undecodable when no recipient can be
 * read. Stateless, thread-safe.
 */
public final class SendmailDialect implements Dialect {
    static final String FATAL = "----- The following addresses had permanent fatal errors -----";
    /** savemail.c's list heading in a delay warning, and its line when the transcript is gone. */
    static final String TRANSIENT = "----- The following addresses had transient non-fatal errors -----";
    private static final String NO_TRANSCRIPT = "----- Transcript of session is unavailable -----";

    /** Subjects sendmail 8 gives its reports (savemail.c, queue.c; 8.7/8.8 "cannot send message for"), lowercase. */
    private static final List<String> SUBJECTS = List.of("see transcript for details", "could not send message for past",
            "cannot send message for");

    private final Limits limits;

    public SendmailDialect(Limits limits) { this.limits = limits; }

    public SendmailDialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "sendmail"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String subject = m.subjectLower();
        boolean ownSubject = SUBJECTS.stream().anyMatch(subject::contains);
        if (!ownSubject && !Senders.mayBeNotice(m)) return ParseResult.NOT_MINE;
        String text = m.mainText();
        boolean fatal = text.contains(FATAL);
        boolean transient_ = !fatal && text.contains(TRANSIENT);
        // under another Subject (a site's, a localised one) from a mail system: only with sendmail 8's lists, so that a
        // sendmail 5 transcript under "Returned mail: User unknown" stays V5SendmailDialect's
        if (!ownSubject && !fatal && !transient_) return ParseResult.NOT_MINE;
        if (!fatal && !transient_ && !text.contains(SendmailTranscript.MARKER) && !text.contains(NO_TRANSCRIPT)) {
            return ParseResult.NOT_MINE;
        }
        text = SendmailTranscript.unquote(text, fatal ? FATAL : transient_ ? TRANSIENT
                : text.contains(SendmailTranscript.MARKER) ? SendmailTranscript.MARKER : NO_TRANSCRIPT);

        DeliveryStatus ds = DeliveryStatus.fromParts(m, limits);
        if (ds == null || ds.recipients().isEmpty()) {
            DeliveryStatus inline = DeliveryStatus.fromText(text, limits);
            if (inline != null) ds = inline;
        }
        SendmailTranscript transcript = SendmailTranscript.read(text);
        List<String[]> fatalList = fatal ? fatalList(text) : addressList(text, TRANSIENT);
        boolean warning = subject.contains("could not send message") || subject.contains("cannot send message");
        String defaultAction = fatal || !(warning || transient_) ? "failed" : "delayed";

        List<RecipientStatus> out = new ArrayList<>();
        if (ds != null && !ds.recipients().isEmpty()) {
            for (RecipientStatus r : ds.recipients()) {
                out.add(combine(r.toBuilder(), reasonFor(fatalList, r.address()), transcript, defaultAction));
            }
        } else if (!fatalList.isEmpty()) {
            for (String[] f : fatalList) {
                out.add(combine(RecipientStatus.builder().address(f[0], "text"), f[1], transcript, defaultAction));
            }
        } else if (transcript != null) {
            List<String> seen = new ArrayList<>();
            for (SendmailTranscript.Entry e : transcript.addressed()) {
                if (seen.contains(e.address()) || e.address().indexOf('@') < 0) continue;
                seen.add(e.address());
                out.add(combine(RecipientStatus.builder().address(e.address(), "text"), "", transcript, defaultAction));
            }
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "sendmail report without a recipient");
        String reportingMta = ds == null ? "" : ds.reportingMta();
        List<RecipientStatus> withMta = new ArrayList<>(out.size());
        for (RecipientStatus r : out) {
            withMta.add(r.reportingMta().isEmpty() && !reportingMta.isEmpty() ? r.toBuilder().reportingMta(reportingMta).build() : r);
        }
        return new ParseResult.Decoded(name(), new Report(Report.Kind.DELIVERY, reportingMta,
                ds == null ? "" : ds.arrivalDate(), ds == null ? "" : ds.originalEnvelopeId(), withMta, null));
    }

    /** True when {@code text} names the local part of {@code address} as a word of its own (a local mailer's line). */
    private static boolean namesLocalPart(String text, String address) {
        int at = address.indexOf('@');
        if (at <= 0) return false;
        String local = address.substring(0, at);
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (int i = lower.indexOf(local); i >= 0; i = lower.indexOf(local, i + 1)) {
            int end = i + local.length();
            boolean before = i == 0 || !Character.isLetterOrDigit(lower.charAt(i - 1));
            boolean after = end == lower.length() || !Character.isLetterOrDigit(lower.charAt(end)) && lower.charAt(end) != '@';
            if (before && after) return true;
        }
        return false;
    }

    /** Fills in what the transcript says about {@code b.address}, keeping what the DSN fields already say. */
    static RecipientStatus combine(RecipientStatus.Builder b, String fatalReason, SendmailTranscript t, String defaultAction) {
        SendmailTranscript.Entry own = t == null ? null : t.forAddress(b.address());
        SendmailTranscript.Entry general = t == null ? null : t.general();
        SendmailTranscript.Entry spoke = own != null && !own.replies().isEmpty() ? own
                : general != null && !general.replies().isEmpty() ? general : null;
        String diag;
        if (spoke != null) {
            diag = spoke.reply();
            b.command(spoke.command().isEmpty() && !spoke.host().isEmpty() ? "CONN" : spoke.command());
            if (b.remoteMta().isEmpty()) b.remoteMta(spoke.host());
            if (b.diagnosticType().isEmpty()) b.diagnosticType("smtp");
        } else if (!EmbeddedDsn.uninformative(b.diagnosticText())) {
            diag = b.diagnosticText();
        } else if (own != null && !own.text().isEmpty()) {
            // a local mailer's own output above its exit-status verdict ("mail.local: unknown user: kim" over "554
            // <kim@host>... Service unavailable"): the output names the cause, the verdict only the exit status; it
            // speaks of this recipient when it names it or when the transcript has no other
            boolean mailerOutput = !t.unaddressedText().isEmpty()
                    && (t.addressed().size() == 1 || namesLocalPart(t.unaddressedText(), b.address()));
            diag = mailerOutput ? t.unaddressedText() + " " + own.text() : own.text();
        } else if (!EmbeddedDsn.uninformative(fatalReason)) {
            diag = fatalReason;
        } else if (t != null && !t.unaddressedText().isEmpty()) {
            diag = t.unaddressedText();
        } else {
            diag = t == null ? "" : t.notices();
        }
        // a recipient deferred until the queue gave up on it: sendmail's "Message could not be delivered for 5 days"
        // under the transcript is what became of it (however a relay's re-wrapping left the lines)
        if (t != null && diag.regionMatches(true, 0, "deferred", 0, 8) && t.notices().regionMatches(true, 0, EXPIRY, 0, EXPIRY.length())
                && !diag.contains(t.notices())) {
            diag = diag + "\n" + t.notices();
        }
        diag = bouncemx.parse.TextScan.fold(diag);
        b.diagnosticText(diag);

        if (b.status().isEmpty() && own != null) b.status(own.status());
        String serverStatus = spoke == null ? "" : Codes.status(diag);
        if (!serverStatus.isEmpty() && (b.status().isEmpty() || b.status().equals("4.4.7") || b.status().equals("5.4.7")
                || b.status().charAt(0) == serverStatus.charAt(0))) {
            b.status(serverStatus);
        }
        if (b.replyCode().isEmpty()) b.replyCode(Codes.leadingReplyCode(diag));
        if (b.replyCode().isEmpty() && own != null) b.replyCode(own.code());
        if (b.action().isEmpty()) b.action(defaultAction);
        return b.build();
    }

    /** How sendmail's notice of a message that timed out in its queue starts (queue.c). */
    private static final String EXPIRY = "message could not be delivered for";

    private static String reasonFor(List<String[]> fatalList, String address) {
        for (String[] f : fatalList) if (f[0].equalsIgnoreCase(address)) return f[1];
        return "";
    }

    /**
     * The fatal-errors list: {address, reason} in order. An entry is a line at the left margin (the
     * address, or a program such as "|/usr/bin/procmail" with its "(expanded from: &lt;address&gt;)"),
     * followed by indented "(reason: ...)" and "(expanded from: ...)" lines; the list ends at a blank line.
     * A reason whose ")" is not on its line goes on over the indented lines after it, up to the one that
     * closes it (a relay or client that re-wraps long lines puts the end of a long reply there).
     */
    static List<String[]> fatalList(String text) {
        return addressList(text, FATAL);
    }

    /** The address list under {@code heading} (the fatal or the transient one), as {@link #fatalList}. */
    private static List<String[]> addressList(String text, String heading) {
        List<String[]> out = new ArrayList<>();
        int at = text.indexOf(heading);
        if (at < 0) return out;
        int start = text.indexOf('\n', at);
        if (start < 0) return out;
        String address = null, reason = "";
        boolean open = false; // a "(reason:" whose ")" is still to come
        int lines = 0;
        for (String raw : text.substring(start + 1).split("\n", -1)) {
            if (++lines > 1000) break;
            String line = raw.stripTrailing();
            if (line.isBlank()) break;
            String trimmed = line.strip();
            String lower = trimmed.toLowerCase(Locale.ROOT);
            if (!Character.isWhitespace(line.charAt(0))) {
                if (address != null && !address.isEmpty()) out.add(new String[] {address, reason});
                address = Addresses.first(trimmed);
                reason = "";
                open = false;
            } else if (lower.startsWith("(reason:")) {
                reason = strip(trimmed, "(reason:".length());
                open = !trimmed.endsWith(")");
            } else if (open && !trimmed.startsWith("(")) {
                reason = reason + " " + strip(trimmed, 0);
                open = !trimmed.endsWith(")");
            } else if (lower.startsWith("(expanded from:") && (address == null || address.isEmpty())) {
                address = Addresses.first(strip(trimmed, "(expanded from:".length()));
            }
        }
        if (address != null && !address.isEmpty()) out.add(new String[] {address, reason});
        return out;
    }

    private static String strip(String s, int from) {
        String v = s.substring(from).strip();
        return v.endsWith(")") ? v.substring(0, v.length() - 1).strip() : v;
    }
}
