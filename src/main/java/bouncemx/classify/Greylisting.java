package bouncemx.classify;

import bouncemx.parse.FixedTexts;
import bouncemx.reason.Reason;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises a greylisting deferral in a server's reply, however it is worded. Greylisting (Harris, "The
 * Next Step in the Spam Control War: Greylisting", 2003) answers a first delivery from an unknown
 * (client IP, envelope sender, recipient) triple with a temporary refusal and accepts the retry after a
 * delay: it says nothing about the recipient, only that this sending host has not been seen yet. The
 * classifier gives it {@link #REASON} and records "greylisting:" and the matched text in the rule; it is
 * never a hard bounce, and a suppression policy should not count it against the address.
 *
 * <p>Rows are tried in order; the first whose text the lowercased reply contains wins. Most implementations
 * name themselves, so the word "greylist" (and its spellings) is enough; the others are listed with the
 * exact sentence their software writes. Immutable; thread-safe.
 */
public final class Greylisting {

    /**
     * The reason greylisting maps to. Sisimai v5's vocabulary has no greylisting reason; the refusal is
     * about the sending host (its IP address, with the envelope sender), which is the vocabulary's
     * {@code blocked} ("the sending host was refused"), and it is temporary. Not {@code expired}: when the
     * sending MTA gave up, the queue running out is the consequence, greylisting the cause; not
     * {@code speeding}: no rate is involved.
     */
    public static final Reason REASON = Reason.BLOCKED;

    /** One wording: {@code text} (lowercase) contained in the reply, and where it comes from. */
    record Row(String text, String source) {}

    static final List<Row> ROWS = List.of(
            // the implementations that say so: postgrey ("Greylisted, see http://postgrey.schweikert.ch/help/%r.html",
            // its default greylist_text), milter-greylist ("Greylisting in action, please come back in ..."),
            // Zoho ("Greylisted, try again after some time"), the greylisting recipes of Exim ACLs ("defer
            // message = Greylisted ..."), and the gateways (Barracuda, Proofpoint and others) whose deferral
            // texts vary by version but name the mechanism
            new Row("greylist", "postgrey, milter-greylist, Zoho, Exim ACLs, gateways"),
            new Row("graylist", "the American spelling"),
            new Row("grey-list", "hyphenated"),
            new Row("gray-list", "hyphenated"),
            new Row("grey list", "two words"),
            new Row("gray list", "two words"),
            // greylistd's Exim configuration (Debian greylistd, /usr/share/doc/greylistd): "defer message =
            // $sender_host_address is not yet authorized to deliver mail from <$sender_address> to ...
            // Please try later."
            new Row("is not yet authorized to deliver mail from", "greylistd (Exim)"),
            // Yahoo's greylisting code (senders.yahooinc.com/smtp-error-codes): "421 4.7.0 [GL01] Message from
            // (192.0.2.1) temporarily deferred - 4.16.50"; its [TSS..] deferrals are reputation and volume, not this
            new Row("[gl01]", "Yahoo"),
            // Mimecast's greylisting answer (Mimecast "SMTP error codes" page, 451): "451 Internal resources are
            // temporarily unavailable"; the sender is expected to retry
            new Row("internal resources are temporarily unavailable", "Mimecast"));

    /** rspamd's words ({@link #ONLY_TRY_AGAIN_LATER}). */
    private static final String TRY_AGAIN_LATER = "try again later";

    /**
     * The rows' texts and then {@link #TRY_AGAIN_LATER}, looked for in one pass over the reply: under C1 (the launcher's {@code classify}) a
     * {@code contains} per row was nine plain loops over every diagnostic, ~1.3% of the engine's CPU.
     */
    private static final FixedTexts TEXTS = new FixedTexts(java.util.stream.Stream.concat(ROWS.stream().map(Row::text),
            java.util.stream.Stream.of(TRY_AGAIN_LATER)).toList());

    /**
     * rspamd's greylist module (rspamd.com/doc/modules/greylisting.html) defers with its default message
     * "Try again later" and nothing else; a reply that says only that (after its codes and address) is
     * greylisting. The same words followed by a cause ("rate limit exceeded, try again later") are not.
     */
    private static final Pattern ONLY_TRY_AGAIN_LATER = Pattern.compile(
            "^\\s*(?:4\\d\\d[ -])?\\s*(?:4\\.\\d{1,3}\\.\\d{1,3}\\s+)?(?:<[^>]*>:?\\s*)?try again later[.!]?\\s*$");

    private Greylisting() {}

    /** The wording found in {@code lowerText}, or null when it is not a greylisting deferral. */
    public static String match(String lowerText) {
        int row = TEXTS.first(lowerText);
        if (row >= 0 && row < ROWS.size()) return ROWS.get(row).text();
        // the pattern needs the words themselves (TEXTS' last, found in the same pass): most texts are turned
        // away without the matcher
        if (row == ROWS.size() && ONLY_TRY_AGAIN_LATER.matcher(lowerText).matches()) return TRY_AGAIN_LATER;
        return null;
    }
}
