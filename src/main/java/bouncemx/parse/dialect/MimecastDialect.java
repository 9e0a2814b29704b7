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
 * Mimecast's own delivery failure notice (Subject "[Postmaster] Email Delivery Failure", X-Mimecast-* and
 * X-MC-System headers), one message per failed recipient:
 * <pre>
 * An email that you attempted to send to the following address could not be delivered:
 * -- rcpt@example.org
 *
 * The problem appears to be :
 * -- Recipient email address is possibly incorrect
 *
 * Additional information follows :
 * -- 5.4.1 Recipient address rejected: Access denied. [...]
 * </pre>
 * "Additional information" is the next hop's answer (the diagnostic); "The problem appears to be" is
 * Mimecast's own verdict, read as {@code reasonHint} through the table below. Claims only messages with
 * a Mimecast header or Subject and this text; Undecodable without an address. Stateless; thread-safe.
 */
public final class MimecastDialect implements Dialect {
    private static final String RCPT = "An email that you attempted to send to the following address could not be delivered";
    private static final String PROBLEM = "The problem appears to be";
    private static final String INFO = "Additional information follows";
    private static final int MAX_LINES = 200;

    /** Mimecast's verdict lines and the reason they state. */
    private static final List<GatewayText.ReasonMark> VERDICTS = List.of(
            new GatewayText.ReasonMark("Recipient email address is possibly incorrect", "userunknown"));

    @Override
    public String name() { return "mimecast"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        boolean header = m.headers().has("x-mimecast-originator") || m.headers().has("x-mc-system")
                || m.subjectLower().contains("email delivery failure");
        if (!header) return ParseResult.NOT_MINE;
        String text = m.mainText();
        int at = text.indexOf(RCPT);
        if (at < 0) return ParseResult.NOT_MINE;
        List<String> addresses = new ArrayList<>();
        String problem = "";
        StringBuilder info = new StringBuilder();
        int section = 0; // 1 addresses, 2 problem, 3 additional information
        for (String raw : GatewayText.lines(text.substring(at), MAX_LINES)) {
            String line = raw.strip();
            if (line.startsWith(RCPT)) { section = 1; continue; }
            if (line.startsWith(PROBLEM)) { section = 2; continue; }
            if (line.startsWith(INFO)) { section = 3; continue; }
            if (line.isEmpty()) {
                if (section == 3) break;
                continue;
            }
            String v = line.startsWith("--") ? line.substring(2).strip() : line;
            switch (section) {
                case 1 -> {
                    String a = Addresses.first(v);
                    if (!a.isEmpty()) addresses.add(a);
                }
                case 2 -> problem = problem.isEmpty() ? v : problem + " " + v;
                case 3 -> info.append(' ').append(v);
                default -> { }
            }
        }
        if (addresses.isEmpty()) return new ParseResult.Undecodable(name(), "no address after the notice");
        String diag = info.length() > 0 ? info.toString() : problem;
        String hint = GatewayText.reason(problem, VERDICTS);
        List<RecipientStatus> out = new ArrayList<>(addresses.size());
        for (String a : addresses) out.add(GatewayText.recipient(a, diag).reasonHint(hint).build());
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }
}
