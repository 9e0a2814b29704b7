package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.AutoReplyMarks;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.InlineText;
import bouncemx.parse.ParseResult;
import bouncemx.parse.ReasonTexts;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.Senders;
import bouncemx.parse.TextScan;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A person's own reply that says an address is gone: an IT desk's "John Miller (john@x) has left and his mailbox
 * has been removed", a colleague's "la sua casella di posta è stata eliminata", a relative's "he passed away ...
 * his account is being closed" (issue 13: the hand-written notices of the second hidden set). No mail system
 * writes these: this reader runs before the plain-text reader (which reads a postmaster's words as a notice's)
 * and only for a person's reply or forward (a reply Subject, or In-Reply-To / References) with a reverse path
 * of its own (a notice has the null one), that is no automatic reply, and whose writer's own words (above the
 * quoted newsletter, above the signature; also a writer's quoted in turn) hold one of {@link #PHRASES}. Its recipients are the addresses of
 * the paragraph that says so, not the writer's own, nor one offered instead ("write to office@x instead");
 * when that paragraph names none, the quoted original's To (the person the newsletter went to), else the
 * writer's own address ("this mailbox is no longer monitored"). Unsubscribe requests, complaints and questions
 * hold none of the phrases and stay unclassified. Stateless, thread-safe.
 */
public final class PersonalNoteDialect implements Dialect {

    /**
     * What people write when a mailbox is gone (its account closed or deleted: {@code userunknown}) or its owner
     * is (left, retired, died: {@code hasmoved}, the address has nobody behind it), in English, German, French,
     * Spanish, Italian, Portuguese and Dutch (lowercase). Only sentences about the address or the person, never
     * about a date or the newsletter. The first row with a phrase in the text wins: an address replaced by
     * another first, then a mailbox gone, then its owner.
     */
    public static final ReasonTexts PHRASES = ReasonTexts.of(
            ReasonTexts.row(Reason.HAS_MOVED, "has been replaced by", "a été remplacée par"),
            ReasonTexts.row(Reason.USER_UNKNOWN, "mailbox has been removed", "mailbox has been deleted", "account has been deleted",
                    "accounts have been deleted", "account no longer exists", "mailbox no longer exists", "address no longer exists",
                    "does not exist any more", "does not exist anymore", "mailbox does not exist", "is not a valid address",
                    "are no longer valid", "is no longer valid", "address is no longer in use", "account is being closed",
                    "closing his email account", "closing her email account", "was closed when", "has been closed",
                    // German, French, Spanish, Italian, Portuguese, Dutch
                    "postfach wurde gelöscht", "nicht mehr erreichbar", "a été supprimée", "a été désactivée",
                    "sera définitivement désactivée", "ha sido suspendida", "ha sido eliminada", "è stata eliminata",
                    "è stata disattivata", "foi excluída", "foi desativada", "is verwijderd"),
            ReasonTexts.row(Reason.HAS_MOVED, "mailbox is no longer monitored", "address is no longer monitored", "passed away",
                    "has left the company", "has left the firm", "left the firm", "left the company", "is no longer with",
                    "no longer works", "no longer employed", "wird nicht mehr abgerufen", "nicht mehr im unternehmen",
                    "im ruhestand", "ne fait plus partie", "ya no trabaja", "non lavora più", "não faz mais parte",
                    "werkt niet meer"));

    /** Characters of the writer's own text read. */
    static final int SPAN = 3000;

    /** Lines that begin the quoted original or a forward under the writer's words (lowercase starts). */
    private static final List<String> QUOTE_STARTS = List.of(">", "-----original message", "-------- original message",
            "________________________________", "from: ", "von: ", "de : ", "de: ", "da: ", "van: ", "od: ", "sent: ",
            "---------- forwarded message");

    /** Words before an address that offer it instead of the gone one, or name the writer's desk. */
    private static final List<String> OFFERED = List.of("instead", "write to", "contact", "redirected to", "forwarded to",
            "replaced by", "remplacée par", "new address", "still valid", "continue receiving", "use ", "potete scrivere a",
            "sign that one up", "voortaan naar", "reach us at");

    @Override
    public String name() { return "note"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!InlineText.isReplyOrForwardSubject(m.subjectLower()) && !m.headers().has("in-reply-to")
                && !m.headers().has("references")) {
            return ParseResult.NOT_MINE;
        }
        // a person's mail has a reverse path of its own; a notice has the null one (RFC 5321 4.5.5)
        if (Senders.nullSender(m) || AutoReplyMarks.marked(m)) return ParseResult.NOT_MINE;
        String text = "";
        String lower = "";
        ReasonTexts.Match p = null;
        // the writer's words, and those of a writer quoted in turn (someone's reply quoting the note); never the
        // innermost text, which is the newsletter when the note quotes it
        for (String level : levels(m)) {
            text = ownWords(level);
            lower = lowerSameLength(text);
            p = PHRASES.match(lower);
            if (p != null) break;
        }
        if (p == null) return ParseResult.NOT_MINE;
        String writer = Addresses.first(m.header("from"));
        int at = lower.indexOf(p.phrase());
        List<String> named = namedIn(text, lower, at, writer);
        // a sentence that introduces a list ("The following addresses are no longer valid:") names them below
        int end = lower.indexOf("\n\n", at);
        if (named.isEmpty() && end > 0 && lower.charAt(end - 1) == ':' && end + 2 < lower.length()) {
            named = namedIn(text, lower, end + 2, writer);
        }
        // the paragraphs above may name it ("the address a@x has been replaced by ..." / "... will be deactivated")
        for (int k = lower.lastIndexOf("\n\n", at); named.isEmpty() && k > 0; k = lower.lastIndexOf("\n\n", k - 1)) {
            named = namedIn(text, lower, k - 1, writer);
        }
        if (named.isEmpty()) {
            // the person the newsletter went to (the quoted original's To), else the writer's own mailbox
            InlineText.Carried c = m.carried();
            String to = c != null ? Addresses.first(InlineText.field(c.headers(), "to")) : quotedTo(m.mainText(), text.length());
            named = List.of(!to.isEmpty() ? to : writer);
        }
        if (named.get(0).isEmpty()) return ParseResult.NOT_MINE;
        int[] para = paragraph(lower, at);
        String paragraph = TextScan.fold(text.substring(para[0], para[1]));
        List<RecipientStatus> out = new ArrayList<>(named.size());
        for (String a : named) {
            out.add(RecipientStatus.builder().address(a, "text").action("failed").diagnosticText(paragraph)
                    .reasonHint(p.reason()).build());
        }
        return new ParseResult.Decoded(name(), new Report(Report.Kind.NOTE, "", "", "", out, null));
    }

    /**
     * {@code s} in lowercase, one char for one: positions found in it are positions in {@code s} (String.toLowerCase
     * may lengthen a text, as it writes Turkish 'İ' as two chars).
     */
    static String lowerSameLength(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) c[i] = Character.toLowerCase(c[i]);
        return new String(c);
    }

    /** The texts of the writers of {@code m}, outermost first: its main text when it carries no quote. */
    private static List<String> levels(BounceMessage m) {
        if (m.carried() == null) return List.of(m.mainText());
        List<String> out = new ArrayList<>(2);
        for (BounceMessage w : m.writersTexts()) out.add(w.mainText());
        return out;
    }

    /** A writer's own words in {@code text}: above the quoted original and the signature, at most {@link #SPAN} characters. */
    static String ownWords(String text) {
        if (text.length() > SPAN) text = text.substring(0, SPAN);
        int pos = 0;
        while (pos < text.length()) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) eol = text.length();
            String line = text.substring(pos, eol).strip().toLowerCase(Locale.ROOT);
            if (line.equals("--") || TextScan.startsWithAny(line, QUOTE_STARTS) || attribution(line)) return text.substring(0, pos);
            pos = eol + 1;
        }
        return text;
    }

    /** "On ... wrote:", "Am ... schrieb:", "Le ... a écrit :", and the like: a quote's attribution line. */
    private static boolean attribution(String line) {
        return line.endsWith("wrote:") || line.endsWith("schrieb:") || line.endsWith("a écrit :") || line.endsWith("a écrit:")
                || line.endsWith("escribió:") || line.endsWith("ha scritto:") || line.endsWith("schreef:")
                || line.endsWith("escreveu:") || line.endsWith("pisze:");
    }

    /**
     * The addresses of the paragraph around {@code at} (blank lines end it), in order, but the writer's own and
     * those the text offers in the gone one's place ({@link #OFFERED} in the 40 characters before them, or after
     * them in their sentence).
     */
    static List<String> namedIn(String text, String lower, int at, String writer) {
        int[] para = paragraph(lower, at);
        int start = para[0];
        int end = para[1];
        List<String> out = new ArrayList<>(2);
        int i = lower.indexOf('@', start);
        while (i >= 0 && i < end && out.size() < 20) {
            int s = i;
            while (s > start && !Character.isWhitespace(lower.charAt(s - 1)) && "(<:,;\"'".indexOf(lower.charAt(s - 1)) < 0) s--;
            int e = i;
            while (e < end && !Character.isWhitespace(lower.charAt(e)) && ")>,;\"'".indexOf(lower.charAt(e)) < 0) e++;
            String a = Addresses.first(text.substring(s, e));
            String before = lower.substring(Math.max(start, s - 40), s);
            int stop = lower.indexOf('.', e);
            String after = lower.substring(e, stop < 0 || stop > end ? end : stop);
            boolean offered = TextScan.containsAny(before, OFFERED) || after.contains("instead") || after.contains("still valid")
                    || after.contains("continue receiving");
            if (!a.isEmpty() && !a.equals(writer) && !offered && !out.contains(a)) out.add(a);
            i = lower.indexOf('@', Math.max(e, i + 1));
        }
        return out;
    }

    /** The start and end of the paragraph of {@code text} around {@code at}: blank lines end it. */
    private static int[] paragraph(String text, int at) {
        int start = text.lastIndexOf("\n\n", at);
        int end = text.indexOf("\n\n", at);
        return new int[] {start < 0 ? 0 : start + 2, end < 0 ? text.length() : end};
    }

    /** Labels of the To line of a client's quoted header block, in the languages of {@link #QUOTE_STARTS}. */
    private static final List<String> TO_LABELS = List.of("to:", "an:", "à :", "à:", "a:", "aan:", "para:", "do:");

    /** The address of the first To line of the quoted header block under the writer's words (from {@code from} on), or "". */
    private static String quotedTo(String text, int from) {
        int pos = Math.min(from, text.length());
        for (int n = 0; n < 12 && pos < text.length(); n++) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) eol = text.length();
            String line = text.substring(pos, eol).strip();
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith(">")) lower = lower.substring(1).strip();
            if (TextScan.startsWithAny(lower, TO_LABELS)) return Addresses.first(line);
            pos = eol + 1;
        }
        return "";
    }
}
