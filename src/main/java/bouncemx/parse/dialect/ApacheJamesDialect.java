package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Apache James bounce notices (james 2.x transport/mailets/AbstractNotify and its Bounce/NotifySender
 * mailets): a notice line ("Error: ..."), "Error message below:" followed by the remote server's reply,
 * then "Message details:" with indented "  Subject:", "  Sent date:", "  MAIL FROM:", "  RCPT TO:"
 * lines. Claimed only when one of James's header signals is there too (Subject "[BOUNCE]", a JavaMail
 * Message-ID, a "JAMES SMTP Server" Received line) and the body has "Message details:" with an
 * "RCPT TO:" line; without "Error message below:" (James writes it only when the mail carries an error
 * message) the notice text above the details is the diagnostic. Every
 * address of the "RCPT TO:" line is a recipient and gets the reply text. Returns NOT_MINE otherwise,
 * Undecodable when the details name no recipient.
 *
 * <p>James's RemoteDelivery bounce (james 2.x transport/mailets/RemoteDelivery.bounce, 3.x
 * remote/delivery/Bouncer.explanationText) has no details block: "Hi. This is the James mail server at host.",
 * "I'm afraid I wasn't able to deliver your message to the following addresses." and three more fixed lines,
 * a blank line, one line per recipient (the bare address), then one reason for all of them: the exception's
 * message, as "Remote mail server told me: 550 ...", "Unknown host: ..." (with "This could be a DNS server
 * error..." under it), "Socket exception: ...", "Connection timed out: connect" or James's own sentence.
 * Every address of the list gets that reason. Stateless, thread-safe.
 */
public final class ApacheJamesDialect implements Dialect {

    private static final String ERROR_HEAD = "error message below:";
    private static final String DETAILS = "message details:";
    private static final String RCPT = "  rcpt to: ";
    /** RemoteDelivery's fixed lines: the greeting, and the sentence that precedes the recipient list. */
    private static final String GREETING = "hi. this is the james mail server at ";
    private static final String AFRAID = "i'm afraid i wasn't able to deliver your message to the following addresses.";

    @Override
    public String name() { return "apachejames"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        // the notice's details block is read only under James's headers; RemoteDelivery's bounce, which has none of
        // them, by its greeting. Most messages have neither: one search of the text, for the greeting
        boolean james = jamesHeaders(m);
        String lower = m.mainTextLower();
        int details = james ? details(lower) : -1;
        if (details < 0) {
            int afraid = remoteDeliveryList(lower);
            if (afraid < 0 || !james && details(lower) >= 0) return ParseResult.NOT_MINE; // a notice without its headers
            return remoteDelivery(m.mainText(), afraid);
        }
        String text = m.mainText();
        // AbstractNotify writes "Error message below:" only when the mail carries an error message; without
        // it, the notice lines above "Message details:" ("Error: Invalid user address") are the text
        int err = TextScan.lineStarting(lower, ERROR_HEAD, 0);
        String diag = err >= 0 && err < details
                ? TextScan.fold(text.substring(err + ERROR_HEAD.length(), details))
                : TextScan.fold(text.substring(0, details));

        List<RecipientStatus> out = new ArrayList<>();
        int r = TextScan.lineStarting(lower, RCPT, details);
        if (r >= 0) {
            int eol = lower.indexOf('\n', r);
            String list = text.substring(r + RCPT.length(), eol < 0 ? text.length() : eol);
            for (String part : list.split("[,\\s]+")) {
                String a = Addresses.first(part);
                if (a.isEmpty() || out.stream().anyMatch(x -> x.address().equals(a))) continue;
                out.add(RecipientStatus.builder().address(a, "text").action("failed").diagnosticText(diag)
                        .replyCode(Codes.leadingReplyCode(diag)).status(Codes.status(diag)).build());
            }
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "James notice without an RCPT TO line");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    /** Where the notice's "Message details:" line stands when an "  RCPT TO: " line follows it, else -1. */
    private static int details(String lower) {
        int details = TextScan.lineStarting(lower, DETAILS, 0);
        return details < 0 || TextScan.lineStarting(lower, RCPT, details) < 0 ? -1 : details;
    }

    /**
     * Where RemoteDelivery's sentence before the recipient list stands, under the greeting that names James
     * itself (other JavaMail servers, hs.mail, borrowed the sentence, not the layout), else -1.
     */
    private static int remoteDeliveryList(String lower) {
        int greeting = TextScan.lineStarting(lower, GREETING, 0);
        return greeting < 0 ? -1 : TextScan.lineStarting(lower, AFRAID, greeting);
    }

    /**
     * RemoteDelivery's bounce from the line at {@code afraid}: after the paragraph it starts and a blank line,
     * the recipient lines (one bare address each), then the reason lines up to the next blank line.
     */
    private ParseResult remoteDelivery(String text, int afraid) {
        String[] lines = text.substring(afraid).split("\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].isBlank()) i++;       // the fixed paragraph
        while (i < lines.length && lines[i].isBlank()) i++;
        List<String> addresses = new ArrayList<>();
        for (; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.indexOf(' ') >= 0) break;
            String a = Addresses.normalize(line);
            if (a.isEmpty()) break;
            if (!addresses.contains(a)) addresses.add(a);
        }
        StringBuilder reason = new StringBuilder();
        for (; i < lines.length && !lines[i].isBlank(); i++) reason.append(' ').append(lines[i].strip());
        if (addresses.isEmpty()) return new ParseResult.Undecodable(name(), "James RemoteDelivery notice naming no recipient");
        String diag = TextScan.fold(reason.toString().strip());
        // JavaMail's SMTPTransport throws SendFailedException("Invalid Addresses") when the server refused RCPT TO
        // (the reply itself is on the nested exception, which James does not print): the refused command is RCPT
        String command = diag.toLowerCase(Locale.ROOT).startsWith("remote mail server told me: invalid addresses")
                ? "RCPT" : "";
        List<RecipientStatus> out = new ArrayList<>();
        for (String a : addresses) {
            out.add(RecipientStatus.builder().address(a, "text").action("failed").diagnosticText(diag).command(command)
                    .replyCode(Codes.replyCodeOfDiagnostic(diag)).status(Codes.status(diag)).build());
        }
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    private static boolean jamesHeaders(BounceMessage m) {
        if (m.subjectLower().trim().equals("[bounce]")) return true;
        String mid = m.headers().get("message-id");
        if (mid != null && mid.contains(".JavaMail.")) return true;
        // the Received headers lowercased and joined once per message rule most out before each is unfolded again
        if (!m.receivedLower().contains("james smtp server")) return false;
        for (String r : m.headers().all("received")) if (r.contains("JAMES SMTP Server")) return true;
        return false;
    }
}
