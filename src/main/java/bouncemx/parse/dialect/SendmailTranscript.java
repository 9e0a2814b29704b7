package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.TextScan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "----- Transcript of session follows -----" section that Sendmail (V5 and V8, savemail.c) writes
 * into its bounces, read line by line. Its grammar, from sendmail's usersmtp.c and deliver.c:
 * <pre>
 * ... while talking to mx.example.com.:        (V5: "While talking to mx.example.com:")
 * >>> RCPT To:&lt;user@example.com&gt;              a command sendmail sent
 * &lt;&lt;&lt; 550 5.1.1 &lt;user@example.com&gt;... User unknown   the server's reply (one line per reply line)
 * 550 5.1.1 &lt;user@example.com&gt;... User unknown     sendmail's verdict on one recipient
 * &lt;user@example.com&gt;... Deferred: Connection refused by mx.example.com.
 * 554 5.0.0 Service unavailable                   a verdict that names no recipient
 * 421 example.org (smtp)... Deferred: ...         a verdict about a host (V5)
 * Message could not be delivered for 5 days       queue notices
 * </pre>
 * Each verdict takes the replies read since the last command (or the last verdict that took them) as
 * the server's words, and the last command and host as where they were said. Lines that fit none of
 * these (a local mailer's output, such as a pipe program's error) are kept as unaddressed text. The
 * section ends at a blank line, another "-----" section or an RFC 3464 field line. Immutable.
 */
final class SendmailTranscript {

    /** One verdict line with what led to it; {@code address} is "" for a verdict that names no recipient. */
    record Entry(String address, String host, String command, List<String> replies, String code, String status,
                 String text) {
        Entry {
            replies = List.copyOf(replies);
        }

        /** The server's reply lines as one text: continuation lines lose their repeated code prefix. */
        String reply() { return joinReplies(replies); }
    }

    static final String MARKER = "----- Transcript of session follows -----";

    private static final Pattern TALKING = Pattern.compile("^(?:\\.\\.\\. )?[Ww]hile talking to ([^\\s:]+?)\\.?:\\s*$");
    private static final Pattern SENT = Pattern.compile("^>>> ?(\\S+)");
    private static final Pattern RECEIVED = Pattern.compile("^<<< ?(.*)$");
    // "550 5.1.1 <a@b>... text", "<a@b>... text", "a@b... text", "kim... text"
    private static final Pattern ADDRESSED = Pattern.compile(
            "^(?:([245]\\d\\d)[ -](?:([245]\\.\\d{1,3}\\.\\d{1,3}) )?)?<?([^\\s<>]+?)>?\\.\\.\\.\\s+(.*)$");
    private static final Pattern CODED = Pattern.compile("^([245]\\d\\d)[ -](?:([245]\\.\\d{1,3}\\.\\d{1,3})\\s)?\\s*(.*)$");
    /**
     * The first letters of {@link #DSN_FIELD}'s names (ASCII, matched ignoring ASCII case only): the other lines
     * skip the regex. With {@link #startsWithReplyClass} before {@link #CODED}, ~0.7% of the engine's CPU.
     */
    private static final String DSN_FIELD_FIRST = "rfoas";
    private static final Pattern CONTINUATION_PREFIX = Pattern.compile("^[245]\\d\\d[ -](?:[245]\\.\\d{1,3}\\.\\d{1,3}\\s?)?");
    private static final Pattern DSN_FIELD = Pattern.compile(
            "^(?i:reporting-mta|final-recipient|original-recipient|received-from-mta|arrival-date|action|status):");

    /** Queue notices sendmail adds (queue.c, savemail.c); they say the message timed out, not why. */
    private static final List<String> NOTICES = List.of("message could not be delivered for",
            "message will be deleted from queue", "warning: message still undelivered after",
            "will keep trying until message is");

    /** SMTP commands as sendmail logs them after ">>>"; "." ends the DATA content. */
    private static final List<String> COMMANDS = List.of("HELO", "EHLO", "MAIL", "RCPT", "DATA", "BDAT", "STARTTLS",
            "AUTH", "RSET", "QUIT", "VRFY", "NOOP");

    private final List<Entry> addressed;
    private final List<Entry> general;
    private final String unaddressedText;
    private final String notices;

    private SendmailTranscript(List<Entry> addressed, List<Entry> general, String unaddressedText, String notices) {
        this.addressed = List.copyOf(addressed);
        this.general = List.copyOf(general);
        this.unaddressedText = unaddressedText;
        this.notices = notices;
    }

    /** Reads the transcript that follows the marker in {@code text}; null when the marker is absent. */
    static SendmailTranscript read(String text) {
        int at = text.indexOf(MARKER);
        if (at < 0) return null;
        // the transcript starts on the line after the marker's; a marker on the text's last line has none
        int start = text.indexOf('\n', at);
        if (start < 0) start = text.length() - 1;
        List<Entry> addressed = new ArrayList<>();
        List<Entry> general = new ArrayList<>();
        StringBuilder other = new StringBuilder();
        StringBuilder notices = new StringBuilder();
        List<String> pending = new ArrayList<>();
        String host = "", command = "";
        boolean quitting = false; // after ">>> QUIT": the session's teardown, not a failure
        int wrapped = 0; // what an indented line goes on: 1 a server reply ("<<< "), 2 a recipient verdict, 0 nothing
        int lines = 0;
        for (String raw : text.substring(start + 1).split("\n", -1)) {
            if (++lines > 2000) break;
            String line = raw.stripTrailing();
            if (line.isEmpty()) {
                if (addressed.isEmpty() && general.isEmpty() && pending.isEmpty() && other.isEmpty() && notices.isEmpty()) continue;
                break;
            }
            String trimmed = line.strip();
            if (trimmed.startsWith("-----") || line.startsWith("--")
                    || DSN_FIELD_FIRST.indexOf(line.charAt(0) | 0x20) >= 0 && DSN_FIELD.matcher(line).lookingAt()) break;
            // sendmail writes each line whole; an indented line after a reply or a verdict is that line wrapped
            // by a relay or a client that re-wraps long lines ("<<< 550 5.5.0 Invalid recipient." "    LPN007_416")
            int goesOn = wrapped;
            wrapped = 0;
            if (goesOn != 0 && Character.isWhitespace(line.charAt(0)) && !trimmed.startsWith("<<<") && !trimmed.startsWith(">>>")) {
                if (goesOn == 1) {
                    pending.set(pending.size() - 1, pending.get(pending.size() - 1) + " " + trimmed);
                } else {
                    Entry e = addressed.remove(addressed.size() - 1);
                    addressed.add(new Entry(e.address(), e.host(), e.command(), e.replies(), e.code(), e.status(), e.text() + " " + trimmed));
                }
                wrapped = goesOn;
                continue;
            }
            Matcher mt;
            // each pattern's fixed text is looked for first: these run on every line of the transcript
            if (trimmed.contains("hile talking to ") && (mt = TALKING.matcher(trimmed)).matches()) {
                host = mt.group(1).toLowerCase(Locale.ROOT);
                command = "";
                quitting = false;
                pending.clear();
            } else if (line.startsWith(">>>") && (mt = SENT.matcher(line)).lookingAt()) {
                String c = command(mt.group(1));
                // QUIT ends the session whatever happened (RFC 5321 4.1.1.10: the server answers 221); the
                // failure is the reply before it, so QUIT neither clears it nor becomes the refused command
                quitting = c.equals("QUIT");
                if (quitting) continue;
                command = c;
                pending.clear();
            } else if (line.startsWith("<<<") && (mt = RECEIVED.matcher(line)).matches()) {
                if (quitting) continue;
                pending.add(mt.group(1).strip());
                wrapped = 1;
            } else if (notice(trimmed)) {
                append(notices, trimmed);
            } else if (mayBeAddressed(line) && (mt = ADDRESSED.matcher(line)).matches() && isRecipient(mt.group(3))) {
                addressed.add(new Entry(Addresses.normalize(mt.group(3)).isEmpty() ? mt.group(3).toLowerCase(Locale.ROOT)
                        : Addresses.normalize(mt.group(3)), pending.isEmpty() ? "" : host,
                        pending.isEmpty() ? "" : command, pending, nz(mt.group(1)), nz(mt.group(2)), mt.group(4).strip()));
                pending.clear();
                wrapped = 2;
            } else if (line.contains(" (smtp)... ") || line.contains(" (esmtp)... ")) {
                // V5: a verdict about a host ("421 example.org (smtp)... Deferred: ..."): note, keep the replies
                append(other, trimmed);
            } else if (startsWithReplyClass(line) && (mt = CODED.matcher(line)).matches()) {
                general.add(new Entry("", pending.isEmpty() ? "" : host, pending.isEmpty() ? "" : command, pending,
                        mt.group(1), nz(mt.group(2)), mt.group(3).strip()));
                append(other, trimmed);
                pending.clear();
            } else {
                append(other, trimmed);
            }
        }
        if (!pending.isEmpty() && addressed.isEmpty() && general.isEmpty()) {
            // the server spoke last and sendmail wrote no verdict (a refused greeting, say)
            general.add(new Entry("", host, command, pending, "", "", ""));
        }
        return new SendmailTranscript(addressed, general, other.toString(), notices.toString());
    }

    /**
     * What every line {@link #ADDRESSED} matches has: "..." and a blank after it, with at most two blanks
     * before (the ones after the reply code and after the status; the address holds none). Lines that only
     * contain "..." somewhere went through the regex, whose lazy address part tries every length (~0.5% of
     * the engine's CPU under C1).
     */
    static boolean mayBeAddressed(String line) {
        int blanks = 0;
        for (int i = 0, n = line.length(); i + 3 < n; i++) {
            char c = line.charAt(i);
            if (TextScan.isRegexSpace(c)) {
                if (++blanks > 2) return false;
            } else if (c == '.' && line.charAt(i + 1) == '.' && line.charAt(i + 2) == '.' && TextScan.isRegexSpace(line.charAt(i + 3))) {
                return true;
            }
        }
        return false;
    }

    /** True when the line starts with 2, 4 or 5, as a reply code does ({@link #CODED} matches no other line). */
    private static boolean startsWithReplyClass(String line) {
        char c = line.charAt(0);
        return c == '2' || c == '4' || c == '5';
    }

    /** Verdicts naming a recipient, in the order written. */
    List<Entry> addressed() { return addressed; }

    /**
     * The last verdict about {@code address}: the same address, or, when the transcript names exactly one
     * recipient with the same local part, that one (sendmail may write a bare local part, "user...
     * Deferred"). Null when none.
     */
    Entry forAddress(String address) {
        Entry found = null;
        for (Entry e : addressed) if (e.address().equalsIgnoreCase(address)) found = e;
        if (found != null) return found;
        String first = null;
        for (Entry e : addressed) {
            if (first == null) first = e.address();
            else if (!first.equals(e.address())) return null;
        }
        if (first == null) return null;
        return localPart(first).equalsIgnoreCase(localPart(address)) ? addressed.get(addressed.size() - 1) : null;
    }

    /** The first verdict naming no recipient that came with server replies, else the first such verdict; or null. */
    Entry general() {
        for (Entry e : general) if (!e.replies().isEmpty()) return e;
        return general.isEmpty() ? null : general.get(0);
    }

    /** Text that is neither protocol nor a recipient verdict (a local mailer's output, general verdicts), folded. */
    String unaddressedText() { return unaddressedText; }

    /** The queue notices ("Message could not be delivered for 5 days ..."), folded; "" when none. */
    String notices() { return notices; }

    /**
     * {@code text} with one level of "&gt; " quoting removed from every line when the line holding
     * {@code marker} is quoted (a bounce forwarded inline by a mail client); else {@code text} itself.
     */
    static String unquote(String text, String marker) {
        int at = text.indexOf(marker);
        if (at < 0) return text;
        int ls = text.lastIndexOf('\n', at) + 1;
        if (ls >= text.length() || text.charAt(ls) != '>') return text;
        StringBuilder sb = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("> ")) line = line.substring(2);
            else if (line.startsWith(">")) line = line.substring(1);
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** Reply lines joined: "552-5.7.0 a" + "552 5.7.0 b" gives "552 5.7.0 a b". */
    static String joinReplies(List<String> replies) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < replies.size(); i++) {
            String r = replies.get(i);
            if (i == 0) {
                if (r.length() > 4 && Character.isDigit(r.charAt(0)) && r.charAt(3) == '-') r = r.substring(0, 3) + ' ' + r.substring(4);
            } else {
                r = CONTINUATION_PREFIX.matcher(r).replaceFirst("");
            }
            append(sb, r);
        }
        return TextScan.fold(sb.toString());
    }

    private static boolean isRecipient(String token) {
        if (token.isEmpty() || token.indexOf('(') >= 0) return false;
        if (token.indexOf('@') > 0) return true;
        // a bare local part ("kim... Deferred"), never a host name
        return token.indexOf('.') < 0 && token.chars().allMatch(c -> c > 32 && c != ':');
    }

    private static String localPart(String address) {
        int at = address.indexOf('@');
        return at > 0 ? address.substring(0, at) : address;
    }

    private static boolean notice(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        for (String n : NOTICES) if (l.startsWith(n)) return true;
        return false;
    }

    private static String command(String token) {
        String t = token.toUpperCase(Locale.ROOT);
        if (t.equals(".")) return "DATA";
        int colon = t.indexOf(':');
        if (colon > 0) t = t.substring(0, colon);
        return COMMANDS.contains(t) ? t : "";
    }

    private static void append(StringBuilder sb, String s) {
        if (s.isEmpty()) return;
        if (!sb.isEmpty()) sb.append(' ');
        sb.append(s);
    }

    private static String nz(String s) { return s == null ? "" : s; }
}
