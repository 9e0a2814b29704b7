package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.AutoReplyMarks;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.InlineText;
import bouncemx.parse.ParseResult;
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

    /** A phrase (lowercase) a person writes when an address is gone, and the reason it gives. */
    public record Phrase(String text, Reason reason) {}

    /**
     * What people write when a mailbox is gone (its account closed or deleted: {@code userunknown}) or its owner
     * is (left, retired, died: {@code hasmoved}, the address has nobody behind it), in English, German, French,
     * Spanish, Italian, Portuguese and Dutch. Only sentences about the address or the person, never about a date
     * or the newsletter. First match wins.
     */
    public static final List<Phrase> PHRASES = List.of(
            new Phrase("mailbox has been removed", Reason.USER_UNKNOWN),
            new Phrase("mailbox has been deleted", Reason.USER_UNKNOWN),
            new Phrase("account has been deleted", Reason.USER_UNKNOWN),
            new Phrase("accounts have been deleted", Reason.USER_UNKNOWN),
            new Phrase("account no longer exists", Reason.USER_UNKNOWN),
            new Phrase("mailbox no longer exists", Reason.USER_UNKNOWN),
            new Phrase("address no longer exists", Reason.USER_UNKNOWN),
            new Phrase("does not exist any more", Reason.USER_UNKNOWN),
            new Phrase("does not exist anymore", Reason.USER_UNKNOWN),
            new Phrase("mailbox does not exist", Reason.USER_UNKNOWN),
            new Phrase("is not a valid address", Reason.USER_UNKNOWN),
            new Phrase("are no longer valid", Reason.USER_UNKNOWN),
            new Phrase("is no longer valid", Reason.USER_UNKNOWN),
            new Phrase("address is no longer in use", Reason.USER_UNKNOWN),
            new Phrase("account is being closed", Reason.USER_UNKNOWN),
            new Phrase("closing his email account", Reason.USER_UNKNOWN),
            new Phrase("closing her email account", Reason.USER_UNKNOWN),
            new Phrase("was closed when", Reason.USER_UNKNOWN),
            new Phrase("has been closed", Reason.USER_UNKNOWN),
            new Phrase("has been replaced by", Reason.HAS_MOVED),
            new Phrase("a été remplacée par", Reason.HAS_MOVED),
            new Phrase("mailbox is no longer monitored", Reason.HAS_MOVED),
            new Phrase("address is no longer monitored", Reason.HAS_MOVED),
            new Phrase("passed away", Reason.HAS_MOVED),
            new Phrase("has left the company", Reason.HAS_MOVED),
            new Phrase("has left the firm", Reason.HAS_MOVED),
            new Phrase("left the firm", Reason.HAS_MOVED),
            new Phrase("left the company", Reason.HAS_MOVED),
            new Phrase("is no longer with", Reason.HAS_MOVED),
            new Phrase("no longer works", Reason.HAS_MOVED),
            new Phrase("no longer employed", Reason.HAS_MOVED),
            // German, French, Spanish, Italian, Portuguese, Dutch
            new Phrase("postfach wurde gelöscht", Reason.USER_UNKNOWN),
            new Phrase("nicht mehr erreichbar", Reason.USER_UNKNOWN),
            new Phrase("wird nicht mehr abgerufen", Reason.HAS_MOVED),
            new Phrase("nicht mehr im unternehmen", Reason.HAS_MOVED),
            new Phrase("im ruhestand", Reason.HAS_MOVED),
            new Phrase("a été supprimée", Reason.USER_UNKNOWN),
            new Phrase("a été désactivée", Reason.USER_UNKNOWN),
            new Phrase("sera définitivement désactivée", Reason.USER_UNKNOWN),
            new Phrase("ne fait plus partie", Reason.HAS_MOVED),
            new Phrase("ha sido suspendida", Reason.USER_UNKNOWN),
            new Phrase("ha sido eliminada", Reason.USER_UNKNOWN),
            new Phrase("ya no trabaja", Reason.HAS_MOVED),
            new Phrase("è stata eliminata", Reason.USER_UNKNOWN),
            new Phrase("è stata disattivata", Reason.USER_UNKNOWN),
            new Phrase("non lavora più", Reason.HAS_MOVED),
            new Phrase("foi excluída", Reason.USER_UNKNOWN),
            new Phrase("foi desativada", Reason.USER_UNKNOWN),
            new Phrase("não faz mais parte", Reason.HAS_MOVED),
            new Phrase("is verwijderd", Reason.USER_UNKNOWN),
            new Phrase("werkt niet meer", Reason.HAS_MOVED));

    /** The first of {@link #PHRASES} in {@code lower}, or null. */
    public static Phrase phraseIn(String lower) {
        for (Phrase p : PHRASES) if (lower.contains(p.text())) return p;
        return null;
    }

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
        Phrase p = null;
        // the writer's words, and those of a writer quoted in turn (someone's reply quoting the note); never the
        // innermost text, which is the newsletter when the note quotes it
        for (String level : levels(m)) {
            text = ownWords(level);
            lower = text.toLowerCase(Locale.ROOT);
            p = phraseIn(lower);
            if (p != null) break;
        }
        if (p == null) return ParseResult.NOT_MINE;
        String writer = Addresses.first(m.header("from"));
        int at = lower.indexOf(p.text());
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
            String to = c != null ? Addresses.first(fieldOf(c.headers(), "to")) : quotedTo(m.mainText(), text.length());
            named = List.of(!to.isEmpty() ? to : writer);
        }
        if (named.get(0).isEmpty()) return ParseResult.NOT_MINE;
        String paragraph = TextScan.fold(paragraphAt(text, lower.indexOf(p.text())));
        List<RecipientStatus> out = new ArrayList<>(named.size());
        for (String a : named) {
            out.add(RecipientStatus.builder().address(a, "text").action("failed").diagnosticText(paragraph)
                    .reasonHint(p.reason()).build());
        }
        return new ParseResult.Decoded(name(), new Report(Report.Kind.NOTE, "", "", "", out, null));
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
        int start = lower.lastIndexOf("\n\n", at);
        start = start < 0 ? 0 : start + 2;
        int end = lower.indexOf("\n\n", at);
        if (end < 0) end = lower.length();
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

    private static String paragraphAt(String text, int at) {
        int start = text.lastIndexOf("\n\n", at);
        start = start < 0 ? 0 : start + 2;
        int end = text.indexOf("\n\n", at);
        return text.substring(start, end < 0 ? text.length() : end);
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

    /** The value of header line {@code name} ("to") in a carried message's header lines, or "". */
    private static String fieldOf(String headers, String name) {
        for (String line : headers.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) return line.substring(colon + 1);
        }
        return "";
    }
}
