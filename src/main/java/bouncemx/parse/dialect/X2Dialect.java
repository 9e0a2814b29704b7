package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.ReasonTexts;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;

import static bouncemx.parse.ReasonTexts.row;

/**
 * Unknown MTA "X2" (Sisimai's name). Two templates that Sisimai files under X2:
 * <ol>
 *   <li>a qmail-derived bouncer used by Yahoo! mail systems (yahoo.co.jp among others): From
 *   MAILER-DAEMON@domain, Subject "Delivery failure" / "failure delivery" / "failed delivery", text
 * <pre>
 * Message from example.com.
 * Unable to deliver message to the following address(es).
 *
 * &lt;user@example.com&gt;:
 * This user doesn't have a example.com account (user@example.com) [0]
 *
 * --- Original message follows.
 * </pre>
 *   each "&lt;address&gt;:" line starting a recipient whose diagnostic is the lines after it. qmail's
 *   fixed "I'm not going to try again; this message has been in the queue too long." is the queue
 *   lifetime notice: reason {@code expired}.</li>
 *   <li>an MTA writing "NOTICE: Delivery Failure." / "This Delivery Status Notification is sent from
 *   MTA...", then per recipient "Delivery failed: address", "Remote host said[Response Message]: reply"
 *   (its indented wrapped lines continuing the reply) and "STEP: DATA SEND" (the SMTP command).</li>
 * </ol>
 * NOT_MINE unless the Subject/From match and one template's marker line is present; Undecodable without
 * a recipient. Stateless; thread-safe.
 */
public final class X2Dialect implements Dialect {
    private static final String UNABLE = "Unable to deliver message to the following address";
    private static final String ORIGINAL = "--- Original message follows.";
    private static final String NOTICE = "This Delivery Status Notification is sent from MTA";
    private static final String FAILED = "Delivery failed:";
    private static final String SAID = "Remote host said";
    private static final String STEP = "STEP:";
    private static final int MAX_LINES = 400;
    private static final String QUEUE_TOO_LONG = "I'm not going to try again; this message has been in the queue too long.";

    /** qmail-send's fixed queue lifetime text (qmail-send.c). */
    private static final ReasonTexts OWN_TEXTS = ReasonTexts.of(
            row(Reason.EXPIRED, "this message has been in the queue too long"));

    @Override
    public String name() { return "x2"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String subject = m.subjectLower();
        boolean mine = m.fromLower().contains("mailer-daemon@") || subject.startsWith("delivery failure")
                || subject.startsWith("failure delivery") || subject.startsWith("failed delivery");
        if (!mine) return ParseResult.NOT_MINE;
        String text = m.mainText();
        int unable = TextScan.lineStarting(text, UNABLE, 0);
        if (unable >= 0) return yahoo(text, unable);
        if (text.contains(NOTICE) && TextScan.lineStarting(text, FAILED, 0) >= 0) return notice(text);
        return ParseResult.NOT_MINE;
    }

    private ParseResult yahoo(String text, int unable) {
        int end = TextScan.lineStarting(text, ORIGINAL, unable);
        String body = text.substring(unable, end < 0 ? text.length() : end);
        List<RecipientStatus> out = new ArrayList<>();
        String address = null;
        StringBuilder diag = new StringBuilder();
        String[] lines = GatewayText.lines(body, MAX_LINES);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("<") && line.endsWith(">:") && line.indexOf('@') > 0) {
                if (address != null) out.add(ownText(address, diag));
                address = Addresses.normalize(line.substring(0, line.length() - 1));
                diag.setLength(0);
            } else if (address != null && !line.isEmpty()) {
                diag.append(' ').append(line);
            }
        }
        if (address != null) out.add(ownText(address, diag));
        out.removeIf(r -> r.address().isEmpty());
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no '<address>:' line");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    /** The MTA's own queue-lifetime sentence gives the reason and is left out of the server's words. */
    private static RecipientStatus ownText(String address, CharSequence diag) {
        String d = diag.toString();
        Reason hint = OWN_TEXTS.in(d);
        int own = d.indexOf(QUEUE_TOO_LONG);
        if (own >= 0) {
            int cut = own;
            while (cut > 0 && d.charAt(cut - 1) != ' ') cut--;   // "/I'm not going..." keeps no stray prefix
            if (cut > 0 && d.charAt(cut - 1) == ' ') d = d.substring(0, cut - 1);
            else d = "";
        }
        return GatewayText.recipient(address, d).reasonHint(hint).build();
    }

    private ParseResult notice(String text) {
        List<RecipientStatus.Builder> out = new ArrayList<>();
        RecipientStatus.Builder cur = null;
        StringBuilder said = null;   // the reply being read: "Remote host said...: 550 ..." and its wrapped lines
        for (String raw : GatewayText.lines(text, MAX_LINES)) {
            String line = raw.strip();
            boolean wrapped = said != null && !line.isEmpty() && Character.isWhitespace(raw.charAt(0))
                    && !line.startsWith(FAILED) && !line.startsWith(STEP) && !line.startsWith("---");
            if (wrapped) {
                said.append(' ').append(line);
                RecipientStatus.Builder d = GatewayText.recipient(cur.address(), said.toString());
                cur.diagnostic(d.diagnosticType(), d.diagnosticText()).status(d.status()).replyCode(d.replyCode());
                continue;
            }
            said = null;
            if (line.startsWith(FAILED)) {
                String a = Addresses.first(line.substring(FAILED.length()));
                if (a.isEmpty()) continue;
                cur = GatewayText.recipient(a, "");
                out.add(cur);
            } else if (cur != null && line.startsWith(SAID)) {
                int colon = line.indexOf(':');
                if (colon < 0) continue;
                said = new StringBuilder(line.substring(colon + 1).strip());
                RecipientStatus.Builder d = GatewayText.recipient(cur.address(), said.toString());
                cur.diagnostic(d.diagnosticType(), d.diagnosticText()).status(d.status()).replyCode(d.replyCode());
            } else if (cur != null && line.startsWith(STEP)) {
                cur.command(GatewayText.command(line.substring(STEP.length())));
            } else if (cur != null && cur.remoteMta().isEmpty() && line.contains(" failed after ")) {
                cur.remoteMta(line.substring(0, line.indexOf(' ')));
            } else if (cur != null && cur.remoteMta().isEmpty() && (line.endsWith(" does not like recipient.")
                    || line.startsWith("Giving up on "))) {
                // qmail's words: "192.0.2.25 does not like recipient." / "Giving up on 192.0.2.25."
                String host = line.startsWith("Giving up on ") ? line.substring(13) : line.substring(0, line.indexOf(' '));
                cur.remoteMta(host.endsWith(".") ? host.substring(0, host.length() - 1) : host);
            }
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no 'Delivery failed:' line");
        List<RecipientStatus> rs = new ArrayList<>(out.size());
        for (RecipientStatus.Builder b : out) rs.add(b.build());
        return new ParseResult.Decoded(name(), Report.delivery(rs));
    }
}
