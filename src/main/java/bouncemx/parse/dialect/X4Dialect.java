package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;

import java.util.ArrayList;
import java.util.List;

/**
 * Unknown MTA "X4" (Sisimai's name): a qmail whose bounce text was rewritten by the provider (qmail-style
 * Received lines, Subject "failure notice", vpopmail's "child status 100..." delivery errors):
 * <pre>
 * Your mail message to the following address(es) could not be delivered. This
 * is a permanent error. ...
 *
 * &lt;user@example.com&gt;:
 * child status 100...The e-mail message could not be delivered because the user's mailfolder is full.
 *
 * --- Below this line is a copy of the message.
 * </pre>
 * Each "&lt;address&gt;:" line starts a recipient; the lines after it (to a blank line) are its diagnostic.
 * Claims only "failure notice" messages with that opening sentence; Undecodable without a recipient.
 * Stateless; thread-safe.
 */
public final class X4Dialect implements Dialect {
    private static final String OPENING = "Your mail message to the following address(es) could not be delivered.";
    private static final String END = "--- Below this line is a copy of the message.";
    private static final int MAX_LINES = 400;

    @Override
    public String name() { return "x4"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!m.subjectLower().startsWith("failure notice")) return ParseResult.NOT_MINE;
        String text = m.mainText();
        int start = TextScan.lineStarting(text, OPENING, 0);
        if (start < 0) return ParseResult.NOT_MINE;
        int end = TextScan.lineStarting(text, END, start);
        List<RecipientStatus> out = new ArrayList<>();
        String address = null;
        StringBuilder diag = new StringBuilder();
        for (String raw : GatewayText.lines(text.substring(start, end < 0 ? text.length() : end), MAX_LINES)) {
            String line = raw.strip();
            if (line.startsWith("<") && line.endsWith(">:") && line.indexOf('@') > 0) {
                if (address != null) out.add(build(address, diag));
                address = Addresses.normalize(line.substring(0, line.length() - 1));
                diag.setLength(0);
            } else if (address != null && !line.isEmpty()) {
                diag.append(' ').append(line);
            }
        }
        if (address != null) out.add(build(address, diag));
        out.removeIf(r -> r.address().isEmpty());
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no '<address>:' line");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    private static RecipientStatus build(String address, CharSequence diag) {
        RecipientStatus.Builder b = GatewayText.recipient(address, diag.toString());
        b.diagnosticType("");
        return b.build();
    }
}
