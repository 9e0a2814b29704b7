package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;

import java.util.ArrayList;
import java.util.List;

/**
 * Smail 3 (notify.c) and the Smail-derived bounce of Deutsche Telekom's mail system (t-online.de,
 * magenta.de). Subject "mail failed, ..." and banner lines of dashes between vertical bars:
 * <pre>
 * |------------------------- Message log follows: -------------------------|
 *  no valid recipients were found for this message
 * |------------------------- Failed addresses follow: ---------------------|
 *  user@host.example ... unknown host                       (Smail: " address ... error")
 *  &lt;user@t-online.de&gt;                                        (Telekom: the address alone,
 *    552 5.2.2 &lt;user@t-online.de&gt; Quota exceeded (...)          the server's reply under it)
 * |------------------------- Message text follows: ------------------------|   (or "Message header follows:")
 * </pre>
 * Recipients come from the "Failed addresses" section only; the message log, when present, stands in
 * for an address line that gives no error of its own. The banner is required (the Subject
 * alone is not enough), so other MTAs' reports are never claimed. Undecodable when the section names no
 * address. Stateless; thread-safe.
 */
public final class SmailDialect implements Dialect {
    private static final String FAILED = "Failed addresses follow:";
    private static final String LOG = "Message log follows:";
    private static final int MAX_LINES = 2000;
    private static final int MAX_RECIPIENTS = 50;

    @Override
    public String name() { return "smail"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String text = m.mainText();
        int at = text.indexOf(FAILED);
        if (at < 0 || !isBanner(lineAround(text, at))) return ParseResult.NOT_MINE;
        StringBuilder log = new StringBuilder();
        List<RecipientStatus> out = new ArrayList<>();
        String address = null;
        StringBuilder diag = new StringBuilder();
        String section = "";
        for (String raw : GatewayText.lines(text, MAX_LINES)) {
            String line = raw.strip();
            if (isBanner(line)) {
                if (address != null) { add(out, address, diag); address = null; }
                section = line.contains(FAILED) ? FAILED : line.contains(LOG) ? LOG : "other";
                if (section.equals("other") && !out.isEmpty()) break;   // the returned message follows
                continue;
            }
            if (section.equals(LOG)) {
                if (!line.isEmpty()) log.append(line).append(' ');
                continue;
            }
            if (!section.equals(FAILED) || line.isEmpty()) continue;
            int dots = line.indexOf(" ... ");
            if (line.startsWith("<") && line.endsWith(">") && line.indexOf(' ') < 0) {
                // Telekom: the address alone in angle brackets; the reply follows on the next lines
                if (address != null) add(out, address, diag);
                address = Addresses.first(line);
                diag.setLength(0);
            } else if (dots > 0 && line.substring(0, dots).indexOf('@') > 0 && line.substring(0, dots).indexOf(' ') < 0) {
                // Smail: "address ... failed: error" or "address ... error"
                if (address != null) add(out, address, diag);
                address = Addresses.first(line.substring(0, dots));
                diag.setLength(0);
                String error = line.substring(dots + 5).strip();
                if (error.startsWith("failed:")) error = error.substring(7).strip();
                diag.append(error.isEmpty() ? log : error);
            } else if (address != null) {
                diag.append(' ').append(line);
            }
            if (out.size() >= MAX_RECIPIENTS) break;
        }
        if (address != null && out.size() < MAX_RECIPIENTS) add(out, address, diag);
        out.removeIf(r -> r.address().isEmpty());
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no address in the failed addresses section");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    private static void add(List<RecipientStatus> out, String address, CharSequence diag) {
        out.add(GatewayText.recipient(address, diag.toString()).build());
    }

    /** "|----- words: -----|": a Smail banner line. */
    private static boolean isBanner(String line) {
        return line.startsWith("|---") && line.endsWith("---|");
    }

    private static String lineAround(String text, int at) {
        int start = text.lastIndexOf('\n', at) + 1;
        int end = text.indexOf('\n', at);
        return text.substring(start, end < 0 ? text.length() : end).strip();
    }
}
