package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.HeaderBlock;
import bouncemx.parse.Limits;
import bouncemx.parse.Originals;
import bouncemx.parse.ParseResult;
import bouncemx.parse.ReasonTexts;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static bouncemx.parse.ReasonTexts.row;

/**
 * Microsoft Exchange Server 5.5 to 2003 (Internet Mail Service / Internet Mail Connector) non-delivery
 * reports, which have no RFC 3464 part:
 * <pre>
 * Your message
 *   To:      user@example.com
 *   Subject: ...
 * did not reach the following recipient(s):           (Exchange 4.0/5.0: "The following recipient(s)
 *                                                       could not be reached:")
 * user@example.com on Thu, 29 Apr 2007 16:51:51 -0500
 *     The recipient name is not recognized
 *     The MTS-ID of the original message is: c=jp;a= ;p=...
 *     MSEXCH:IMS:ORG:SITE:SERVER 0 (000C05A6) Unknown Recipient
 * </pre>
 * Recognised by its headers (X-MS-Embedded-Report, X-Mailer "Internet Mail Service (" or "Microsoft
 * Exchange Server Internet Mail Connector", X-MimeOLE "Produced By Microsoft Exchange", or a Received
 * "with Internet Mail Service ("), or, when those headers are gone, by an MSEXCH: routing line in the text,
 * and a recipient-list heading (else the "Your message" block). Each "address on DATE" line
 * starts a recipient; the indented lines under it, less the MTS-ID line and the MSEXCH routing path (its
 * error code and name are kept), are its diagnostic text; a status is read where the text quotes one.
 * The MTA's NDRs over an X.400 connector (Microsoft KB Q230497, Q241632, Q305203, Q319023) name the
 * recipient as the sender's client showed it, a display name or alias ("Doe, John on 4/29/99 10:17 AM",
 * "'TEST1' on 20.07.01 17:26"): such a line is the recipient of the returned original's To or Cc with that
 * display name or local part (source "header"), and is skipped when none or several match (a distribution
 * list's name). Not mine otherwise; Undecodable when no recipient line is found. Stateless, thread-safe.
 */
public final class Exchange2003Dialect implements Dialect {
    private static final List<String> HEADINGS = List.of("did not reach the following recipient(s):",
            "the following recipient(s) could not be reached:", "the following recipient(s) cannot be reached:",
            "did not reach some or all of the intended recipients");
    private static final Pattern RECIPIENT = Pattern.compile("^\\s*(?:.*?(?:SMTP|smtp)=)?([^\\s@]+@[^\\s@]+)\\s+on\\s+.*$");
    /**
     * A recipient named without an address: the name (maybe in single quotes), " on ", and the date and time
     * as Exchange prints them ("4/29/99 10:17 AM", "20.07.01 17:26").
     */
    private static final Pattern NAMED = Pattern.compile(
            "^\\s*'?([^'@\\s][^'@]{0,79}?)'?\\s+on\\s+\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}\\s+\\d{1,2}:\\d{2}.*$");
    private static final Pattern MSEXCH = Pattern.compile("MSEXCH:\\S*(?:[^(]*)(\\([0-9A-Fa-f]{8}\\).*)?$");
    /**
     * Exchange's own error codes on the MSEXCH line that name the reason: 000C05A6 is the directory's
     * "Unknown Recipient" (the name is not in the organisation's address book).
     */
    private static final ReasonTexts CODE_REASONS = ReasonTexts.of(row(Reason.USER_UNKNOWN, "(000c05a6)"),
            row(Reason.FILTERED, "(000c0595)"),        // ambiguous / refused by the recipient's rules
            row(Reason.SYSTEM_ERROR, "(00010256)"), row(Reason.SYSTEM_ERROR, "(000d06b5)"),
            row(Reason.NETWORK_ERROR, "(00120270)"),    // routing loop / no route
            row(Reason.CONTENT_ERROR, "(00050311)"), row(Reason.CONTENT_ERROR, "(000502cc)"),
            row(Reason.SECURITY_ERROR, "(000b0981)"));

    /**
     * The MTA's words for X.400 non-delivery reasons and diagnostics (its NDRs carry no error code), as
     * Microsoft's KB articles quote them: "The recipient name is not recognized" (unrecognized-OR-name,
     * Q305203), "A restriction in the system prevented delivery of the message" (reason restricted-delivery:
     * the sender may not send to that recipient, Q241632, Q250521; RFC 3463 X.7.1 "delivery not authorized"),
     * "... due to congestion in the message transfer service" (MTS-congestion, Q230497; X.4.5 "mail system
     * congestion"), "The maximum time for delivering the message expired" (maximum-time-expired, Q319023);
     * and Exchange 2003's "The destination server for this recipient could not be found in Domain Name Service (DNS)."
     */
    private static final ReasonTexts MTA_TEXTS = ReasonTexts.of(
            row(Reason.USER_UNKNOWN, "the recipient name is not recognized"),
            row(Reason.SECURITY_ERROR, "a restriction in the system prevented delivery"),
            row(Reason.NETWORK_ERROR, "congestion in the message transfer service"),
            row(Reason.EXPIRED, "maximum time for delivering the message expired"),
            // Exchange 2003's text for its #5.4.0 when the recipient's domain has no mail server in DNS (as
            // hosting providers' help pages quote it)
            row(Reason.HOST_UNKNOWN, "the destination server for this recipient could not be found in domain name service"));

    private final Limits limits;

    public Exchange2003Dialect(Limits limits) { this.limits = limits; }

    public Exchange2003Dialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "exchange2003"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!exchangeHeaders(m)) return ParseResult.NOT_MINE;
        String text = m.mainText();
        String lower = m.mainTextLower();
        int at = -1;
        for (String h : HEADINGS) {
            at = lower.indexOf(h);
            if (at >= 0) break;
        }
        // no known heading: the recipient lines follow the "Your message" block all the same
        if (at < 0) at = TextScan.lineStarting(text, "Your message", 0);
        if (at < 0) return ParseResult.NOT_MINE;
        int start = text.indexOf('\n', at);
        List<RecipientStatus> out = new ArrayList<>();
        String address = null;
        String source = "text";
        List<String[]> originals = null;   // the returned original's To/Cc as {address, name}, read when needed
        StringBuilder diag = new StringBuilder();
        boolean msexch = false;
        int lines = 0;
        for (String raw : (start < 0 ? "" : text.substring(start + 1)).split("\n", -1)) {
            if (++lines > 2000) break;
            Matcher r = RECIPIENT.matcher(raw);
            if (r.matches()) {
                add(out, address, source, diag);
                address = Addresses.normalize(r.group(1));
                source = "text";
                diag.setLength(0);
                msexch = false;
                continue;
            }
            Matcher n = raw.contains(" on ") ? NAMED.matcher(raw) : null;
            if (n != null && n.matches()) {
                // another recipient, named as the client showed it; one the original does not name (a list's
                // name) ends the entry above and is skipped
                if (originals == null) originals = originalRecipients(m);
                add(out, address, source, diag);
                address = byName(originals, n.group(1));
                if (address.isEmpty()) address = null;
                source = "header";
                diag.setLength(0);
                msexch = false;
                continue;
            }
            if (address == null) continue;
            String line = raw.strip();
            if (line.isEmpty()) {
                if (diag.length() > 0) { add(out, address, source, diag); address = null; diag.setLength(0); }
                continue;
            }
            if (line.startsWith("The MTS-ID of the original message") || line.startsWith(";l=")) continue;
            Matcher x = MSEXCH.matcher(line);
            if (x.find()) {
                // the routing line joined onto the reason by a re-wrap (a line ending in a lowercase word, as
                // the MTA's "... the message expired" does): the words before it are the reason
                if (x.start() > 0) diag.append(' ').append(line, 0, x.start());
                msexch = true;
                if (x.group(1) != null) diag.append(' ').append(x.group(1));
                continue;
            }
            if (msexch && !Character.isWhitespace(raw.charAt(0))) {
                diag.append(' ').append(line);   // the error name wrapped onto its own line
                continue;
            }
            // an indented line belongs to the recipient; so does the rest of its "<server #4.0.0 smtp;450 ...>"
            // diagnostic that a relay's re-wrap moved to column 0 (the bracket is still open)
            if (Character.isWhitespace(raw.charAt(0)) || unclosed(diag)) diag.append(' ').append(line);
        }
        add(out, address, source, diag);
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "Exchange 2003 report without a recipient line");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    private static void add(List<RecipientStatus> out, String address, String source, StringBuilder diag) {
        if (address == null || address.isEmpty()) return;
        for (RecipientStatus r : out) if (r.address().equals(address)) return;
        String text = TextScan.fold(diag.toString());
        var b = RecipientStatus.builder().address(address, source).action("failed").diagnosticText(text)
                .status(bouncemx.parse.Codes.status(text));   // "&lt;mx.example.com #5.1.1&gt;" when Exchange quotes one
        String lower = text.toLowerCase(Locale.ROOT);
        Reason own = CODE_REASONS.in(lower);
        if (own == null) own = MTA_TEXTS.in(lower);
        if (own != null) b.reasonHint(own);
        out.add(b.build());
    }

    /** True when {@code diag} opened more angle brackets than it closed. */
    private static boolean unclosed(CharSequence diag) {
        int open = 0;
        for (int i = 0; i < diag.length(); i++) {
            char c = diag.charAt(i);
            if (c == '<') open++;
            else if (c == '>' && open > 0) open--;
        }
        return open > 0;
    }

    /** The returned original's To and Cc recipients as {address, display name}; empty when it is not returned. */
    private List<String[]> originalRecipients(BounceMessage m) {
        HeaderBlock h = Originals.returnedHeaders(m, limits);
        List<String[]> out = new ArrayList<>();
        if (h == null) return out;
        for (String field : new String[] {"to", "cc"}) {
            String value = h.get(field);
            if (value == null) continue;
            String rest = value;
            for (int k = 0; k < 50; k++) {
                String a = Addresses.first(rest);
                if (a.isEmpty()) break;
                int at = rest.toLowerCase(Locale.ROOT).indexOf(a);
                if (at < 0) break;
                out.add(new String[] {a, rest.substring(0, at)});
                rest = rest.substring(at + a.length());
            }
        }
        return out;
    }

    /**
     * The one recipient whose display name or local part is {@code name} (letters and digits compared, case
     * and punctuation ignored: "Doe, John" is the To's "\"Doe, John\" &lt;john.doe@x&gt;"); "" when none or several.
     */
    private static String byName(List<String[]> recipients, String name) {
        String wanted = words(name);
        if (wanted.isEmpty()) return "";
        String found = "";
        for (String[] r : recipients) {
            String local = r[0].substring(0, Math.max(0, r[0].indexOf('@')));
            if (!wanted.equals(words(r[1])) && !wanted.equals(words(local))) continue;
            if (!found.isEmpty() && !found.equals(r[0])) return "";
            found = r[0];
        }
        return found;
    }

    /** The letters and digits of {@code s}, lowercase, one blank between runs. */
    private static String words(String s) {
        StringBuilder b = new StringBuilder();
        for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.isEmpty()) continue;
            if (b.length() > 0) b.append(' ');
            b.append(w);
        }
        return b.toString();
    }

    private static boolean exchangeHeaders(BounceMessage m) {
        if (m.headers().has("x-ms-embedded-report")) return true;
        String mailer = m.headers().get("x-mailer");
        if (mailer != null) {
            String v = mailer.strip();
            if (v.startsWith("Internet Mail Service (") || v.startsWith("Microsoft Exchange Server Internet Mail Connector")) return true;
        }
        String mimeole = m.headers().get("x-mimeole");
        if (mimeole != null && mimeole.strip().startsWith("Produced By Microsoft Exchange")) return true;
        // the Received headers, lowercased and joined once per message (BounceMessage.receivedLower), rule most out
        // before each is unfolded again for the exact, case-sensitive test
        if (m.receivedLower().contains(" with internet mail service (")) {
            for (String r : m.headers().all("received")) if (r.contains(" with Internet Mail Service (")) return true;
        }
        // the headers can be lost on the way (a gateway rewrote them, a client forwarded the text): the
        // "MSEXCH:IMS:ORG:SITE:SERVER 0 (000C05A6) ..." routing line is written by Exchange's IMS alone
        return msexchLine(m.mainText());
    }

    /** True when a line of {@code text} starts (after blanks) with "MSEXCH:". */
    private static boolean msexchLine(String text) {
        int i = text.indexOf("MSEXCH:");
        while (i >= 0) {
            int ls = text.lastIndexOf('\n', i) + 1;
            if (text.substring(ls, i).isBlank()) return true;
            i = text.indexOf("MSEXCH:", i + 1);
        }
        return false;
    }
}
