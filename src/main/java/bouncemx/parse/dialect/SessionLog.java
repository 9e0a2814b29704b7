package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.Codes;
import bouncemx.parse.SmtpCommands;
import bouncemx.parse.TextScan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An SMTP session log pasted into a plain-text notice, whatever the writer: the lines the reporting MTA sent
 * and the replies it read, marked with arrows or labels, often after a time stamp:
 * <pre>
 *  Wed 2026-12-02 09:15:01: --> RCPT To:&lt;user@example.com&gt;          MDaemon's "Session Transcript"
 *  Wed 2026-12-02 09:15:02: &lt;-- 550 5.1.1 ... User unknown
 *  &gt;&gt;&gt; RCPT To:&lt;user@example.com&gt;  /  &lt;&lt;&lt; 550 ...             sendmail-style transcripts of other MTAs
 *  Command: RCPT TO:&lt;user@example.com&gt;  /  Response: 552 ...       GroupWise's GWIA transcript
 * </pre>
 * (RFC 5321 sections 3.3 and 4.2: each command gets one reply.) A 4xx/5xx reply to RCPT is the failure of
 * the recipient that RCPT named; one to MAIL, DATA or BDAT (or to the greeting or EHLO) is the failure of
 * every recipient named so far that has none yet; the reply to QUIT is never a failure (it only tears the
 * session down). At most {@link #MAX_LINES} lines are read. Immutable; {@link #read} is thread-safe.
 */
final class SessionLog {

    /** One recipient's failure: the refused command and the server's reply as written. */
    record Failure(String command, String reply, String code) {}

    static final int MAX_LINES = 400;

    /** Marks of a line the client sent, lowercase. */
    private static final String[] SENT = {"--> ", ">>> ", "command:"};
    /** Marks of a line the server replied, lowercase. */
    private static final String[] REPLIED = {"<-- ", "<<< ", "response:"};

    /** The log of a text that has none. */
    static final SessionLog NONE = new SessionLog(Map.of());

    private final Map<String, Failure> failures;

    /** False when {@code lowerText} holds none of the marks, so {@link #read} would find nothing. */
    static boolean mayHold(String lowerText) {
        for (String m : REPLIED) if (lowerText.contains(m)) return true;
        return false;
    }

    private SessionLog(Map<String, Failure> failures) { this.failures = failures; }

    /** The failure the log shows for {@code address}, or null. */
    Failure failureOf(String address) { return failures.get(address); }

    boolean isEmpty() { return failures.isEmpty(); }

    static SessionLog read(String[] lines) {
        Map<String, Failure> out = new LinkedHashMap<>();
        List<String> named = new ArrayList<>();
        String command = "CONN";
        String rcpt = "";
        int n = Math.min(lines.length, MAX_LINES);
        for (int i = 0; i < n; i++) {
            String line = lines[i];
            int s = after(line, SENT);
            if (s >= 0) {
                String sent = line.substring(s).strip();
                command = commandOf(sent);
                rcpt = command.equals("RCPT") ? Addresses.first(sent) : "";
                if (!rcpt.isEmpty() && !named.contains(rcpt)) named.add(rcpt);
                continue;
            }
            int r = after(line, REPLIED);
            if (r < 0) continue;
            String reply = line.substring(r).strip();
            String code = Codes.leadingReplyCode(reply);
            if (code.isEmpty() || code.charAt(0) < '4' || command.equals("QUIT")) continue;
            // the lines of a multi-line reply ("550-...") that follow belong to it
            StringBuilder text = new StringBuilder(reply);
            for (int j = i + 1; j < n && j <= i + 8; j++) {
                int rr = after(lines[j], REPLIED);
                if (rr < 0) break;
                String more = lines[j].substring(rr).strip();
                if (!more.startsWith(code)) break;
                text.append('\n').append(more);
                i = j;
            }
            Failure f = new Failure(command, TextScan.fold(text.toString()), code);
            if (command.equals("RCPT")) {
                if (!rcpt.isEmpty()) out.putIfAbsent(rcpt, f);
            } else {
                for (String a : named) out.putIfAbsent(a, f);
            }
        }
        return new SessionLog(out);
    }

    /** Index just after the first of {@code marks} in {@code line} (within its first 48 characters), or -1. */
    private static int after(String line, String[] marks) {
        int limit = Math.min(line.length(), 48 + 10);
        String head = line.substring(0, limit).toLowerCase(Locale.ROOT);
        for (String m : marks) {
            int i = head.indexOf(m);
            if (i >= 0 && i <= 48) return i + m.length();
        }
        return -1;
    }

    /** The SMTP command a sent line starts with (RCPT, MAIL, DATA, BDAT, EHLO, HELO, QUIT...), or the first word. */
    private static String commandOf(String sent) {
        int sp = 0;
        while (sp < sent.length() && Character.isLetter(sent.charAt(sp))) sp++;
        String word = sent.substring(0, sp).toUpperCase(Locale.ROOT);
        String named = SmtpCommands.find(sent);
        return word.isEmpty() && !named.isEmpty() ? named : word;
    }
}
