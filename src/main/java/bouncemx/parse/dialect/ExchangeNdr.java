package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.Limits;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;
import bouncemx.parse.rfc3464.DeliveryStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The non-delivery report text of Microsoft Exchange Server 2007 and later, which Exchange Online
 * (Office 365) writes too, shared by {@link Exchange2007Dialect} and {@link Office365Dialect}:
 * <pre>
 * Delivery has failed to these recipients or groups:      (localised: "Échec de la remise ...")
 * user@example.com&lt;mailto:user@example.com&gt;
 * ...explanation for the sender...
 * Diagnostic information for administrators:
 * Generating server: mail.example.org
 * user@example.com
 * #550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##         (Exchange 2007)
 * Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'   (2010 and later)
 * 3/09/2016 8:05:56 PM - Remote Server at mx.example.com (192.0.2.1) returned '550 4.4.7 QUEUE.Expired; ...'
 * Original message headers:
 * </pre>
 * The per-recipient error lines follow the recipient's bare address line; the lines are read in any
 * language, as only the error-line shapes are relied on. When a recipient has several attempts (newest
 * first), the newest is its diagnostic text, unless it is only Exchange's queue expiry notice
 * (QUEUE.Expired), in which case the earlier attempt says why and gives the status. Exchange's own
 * symbolic codes that name a cause outright are a reason hint (table below). Immutable; thread-safe.
 */
final class ExchangeNdr {
    private ExchangeNdr() {}

    /** Markers of the NDR text, English (Exchange 2007 to Exchange Online). */
    private static final List<String> MARKERS = List.of("diagnostic information for administrators:",
            "delivery has failed to these recipients or groups:", "rejected your message to the following e",
            "original message headers:", "more info for email admins");

    private static final Pattern HASH_ERROR = Pattern.compile("^#?([245]\\d\\d[ -][245]\\.\\d{1,3}\\.\\d{1,3}\\b.*?)\\s*##.*$");
    private static final Pattern RETURNED = Pattern.compile("(?i)\\breturned\\s+'(.*?)'?\\s*$");
    private static final Pattern BARE_ADDRESS = Pattern.compile("^[^\\s@<>()]+@[^\\s@<>()]+\\.[^\\s@<>()]+$");
    private static final Pattern MAILTO = Pattern.compile("(?i)<mailto:([^>\\s]+@[^>\\s]+)>");
    private static final Pattern GENERATING = Pattern.compile("^Generating server:\\s*(\\S+)");
    private static final Pattern GENERATING_ANYWHERE = Pattern.compile("(?m)^Generating server:\\s*(\\S+)");
    private static final Pattern STATUS_CODE = Pattern.compile("^Status code:\\s*([245]\\d\\d)\\s+([245]\\.\\d{1,3}\\.\\d{1,3})");

    /**
     * Exchange's symbolic error codes (and Microsoft-specific enhanced codes) that name the cause, to a
     * reason wire name; from Microsoft's "Email non-delivery reports in Exchange Online" and Exchange
     * 2007 DSN documentation. The enhanced codes are Microsoft's own use, not RFC 3463 meanings (5.1.10
     * is RFC 7505's null MX elsewhere).
     */
    private static final Map<String, String> HINTS = new LinkedHashMap<>();

    static {
        HINTS.put("resolver.adr.recipnotfound", "userunknown");
        HINTS.put("resolver.adr.recipientnotfound", "userunknown");
        HINTS.put("resolver.adr.exrecipnotfound", "userunknown");
        HINTS.put("queue.expired", "expired");
        HINTS.put("5.4.316 ", "expired");   // message expired, connection refused
        HINTS.put("4.4.316 ", "expired");
    }

    /** One recipient's lines from the administrators' section. */
    record Attempt(String address, List<String> errors, String receivingServer) {}

    /** The parsed text: recipients in the order written, per-recipient errors, the generating server. */
    record Text(List<String> mailtoAddresses, Map<String, Attempt> attempts, String generatingServer, String statusCode) {}

    /** True when the top-level headers and the text look like an Exchange 2007+ NDR. */
    static boolean looksLike(BounceMessage m) {
        boolean header = m.headers().has("x-ms-exchange-message-is-ndr") || m.headers().has("content-language")
                || m.subjectLower().contains("undeliverable");
        if (!header) return false;
        String lower = m.mainTextLower();
        for (String k : MARKERS) if (lower.contains(k)) return true;
        // a localised template: an NDR header and an Exchange error line with a DSN part
        return m.headers().has("x-ms-exchange-message-is-ndr") && (lower.contains("remote server returned '")
                || lower.contains("resolver.adr.") || lower.contains("##rfc822;"));
    }

    /** True when the report comes from Exchange Online (Office 365): its headers or its generating server. */
    static boolean online(BounceMessage m) {
        for (String h : List.of("x-ms-exchange-crosstenant-originalarrivaltime", "x-ms-exchange-crosstenant-fromentityheader",
                "x-ms-exchange-crosstenant-id", "x-ms-exchange-transport-crosstenantheadersstamped")) {
            if (m.headers().has(h)) return true;
        }
        Matcher g = GENERATING_ANYWHERE.matcher(m.mainText());
        if (g.find()) {
            String host = g.group(1).toLowerCase(Locale.ROOT);
            return host.endsWith(".outlook.com") || host.endsWith(".exchangelabs.com");
        }
        return false;
    }

    static Text read(String text) {
        List<String> mailto = new ArrayList<>();
        Map<String, Attempt> attempts = new LinkedHashMap<>();
        String generating = "", statusCode = "";
        String current = null;
        String receiving = "";
        String[] lines = text.split("\n", -1);
        int n = Math.min(lines.length, 5000);
        for (int i = 0; i < n; i++) {
            String line = lines[i].strip();
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("original message headers") || lower.equals("original message details")) {
                if (!attempts.isEmpty()) break;
                continue;
            }
            Matcher mt;
            if ((mt = MAILTO.matcher(line)).find()) {
                String a = Addresses.normalize(mt.group(1));
                if (!a.isEmpty() && !mailto.contains(a)) mailto.add(a);
                continue;
            }
            if ((mt = GENERATING.matcher(line)).find()) { generating = mt.group(1).toLowerCase(Locale.ROOT); continue; }
            if ((mt = STATUS_CODE.matcher(line)).find()) { statusCode = mt.group(1) + " " + mt.group(2); continue; }
            if (lower.startsWith("receiving server:")) { receiving = firstWord(line.substring(17)).toLowerCase(Locale.ROOT); continue; }
            if (BARE_ADDRESS.matcher(line).matches()) {
                current = Addresses.normalize(line);
                if (!current.isEmpty()) attempts.putIfAbsent(current, new Attempt(current, new ArrayList<>(), receiving));
                continue;
            }
            if (current == null) continue;
            String error = null;
            if ((mt = HASH_ERROR.matcher(line)).matches()) {
                error = mt.group(1);
            } else if (lower.contains("returned '")) {
                // the quoted reply may wrap onto following lines
                StringBuilder sb = new StringBuilder(line);
                while (sb.charAt(sb.length() - 1) != '\'' && i + 1 < n && !lines[i + 1].isBlank()
                        && !lines[i + 1].toLowerCase(Locale.ROOT).contains("returned '")) {
                    sb.append(' ').append(lines[++i].strip());
                }
                Matcher r = RETURNED.matcher(sb.toString());
                if (r.find()) error = r.group(1);
            }
            if (error != null) attempts.get(current).errors().add(TextScan.fold(error));
        }
        return new Text(mailto, attempts, generating, statusCode);
    }

    /** The recipients of an Exchange NDR: the DSN's, else the administrators' section's, else the mailto list. */
    static ParseResult decode(String dialect, BounceMessage m, Limits limits) {
        Text t = read(m.mainText());
        DeliveryStatus ds = DeliveryStatus.fromParts(m, limits);
        List<RecipientStatus> out = new ArrayList<>();
        if (ds != null && !ds.recipients().isEmpty()) {
            for (RecipientStatus r : ds.recipients()) out.add(combine(r.toBuilder(), t));
        } else {
            List<String> addresses = new ArrayList<>(t.attempts().keySet());
            if (addresses.isEmpty()) addresses = t.mailtoAddresses();
            for (String a : addresses) out.add(combine(RecipientStatus.builder().address(a, "text").action("failed"), t));
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(dialect, "Exchange NDR without a recipient");
        String reporting = ds != null && !ds.reportingMta().isEmpty() ? ds.reportingMta() : t.generatingServer();
        List<RecipientStatus> done = new ArrayList<>(out.size());
        for (RecipientStatus r : out) done.add(r.reportingMta().isEmpty() ? r.toBuilder().reportingMta(reporting).build() : r);
        return new ParseResult.Decoded(dialect, new Report(Report.Kind.DELIVERY, reporting,
                ds == null ? "" : ds.arrivalDate(), ds == null ? "" : ds.originalEnvelopeId(), done, null));
    }

    private static RecipientStatus combine(RecipientStatus.Builder b, Text t) {
        Attempt a = t.attempts().get(b.address);
        if (a == null && t.attempts().size() == 1 && b.addressSource.equals("dsn")) a = t.attempts().values().iterator().next();
        String diag = b.diagnosticText;
        String causeStatus = "";
        if (a != null && !a.errors().isEmpty()) {
            String newest = a.errors().get(0);
            String chosen = newest;
            if (newest.toLowerCase(Locale.ROOT).contains("queue.expired") && a.errors().size() > 1) {
                chosen = a.errors().get(1);
                causeStatus = Codes.status(chosen);
            }
            diag = chosen.equals(newest) ? newest : newest + " " + chosen;
            if (b.remoteMta.isEmpty()) b.remoteMta(a.receivingServer());
        } else if (diag.isEmpty() && !t.statusCode().isEmpty()) {
            diag = t.statusCode();
        }
        b.diagnosticText(diag);
        if (b.status.isEmpty()) b.status(Codes.status(diag));
        if (!causeStatus.isEmpty()) b.status(causeStatus);
        if (b.replyCode.isEmpty()) b.replyCode(Codes.leadingReplyCode(diag));
        if (b.action.isEmpty()) b.action("failed");
        String lower = diag.toLowerCase(Locale.ROOT) + " ";
        for (var h : HINTS.entrySet()) {
            if (lower.contains(h.getKey())) { b.reasonHint(h.getValue()); break; }
        }
        return b.build();
    }

    private static String firstWord(String s) {
        String v = s.strip();
        int sp = v.indexOf(' ');
        return sp < 0 ? v : v.substring(0, sp);
    }
}
