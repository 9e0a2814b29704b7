package bouncemx.corpus;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.Dialects;
import bouncemx.parse.Limits;
import bouncemx.parse.Mbox;
import bouncemx.parse.ParseResult;
import bouncemx.testing.Corpus;
import bouncemx.testing.Label;
import bouncemx.testing.Labels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every dialect over every corpus file, alone (not in the decoder's order): a dialect may claim only the
 * families it is built for. The rhost-* and rfc3464-* families are named after the receiving side or the
 * format, not the MTA that wrote the report, so any MTA dialect may claim them; the lhost-* families are
 * named after the writing MTA, and only that MTA's dialect (or the generic fallbacks) may claim them.
 * Nothing claims a non-bounce, and the auto-reply reader claims only auto-replies.
 */
class DialectClaimsTest {

    /** Generic readers: any bounce family. */
    static final Set<String> FALLBACKS = Set.of("rfc3464", "text");

    /**
     * Families whose notices another MTA's template writes, which that MTA's reader claims from a mail system under
     * the family's own Subject: Yandex's are Postfix's bounce template ("This is the mail system at host yandex.ru.")
     * under a Russian preamble and Subject; Bigfoot's are sendmail 8's ("The following addresses had permanent fatal
     * errors") under a Subject of the exit status.
     */
    static final java.util.Map<String, String> WRITTEN_BY = java.util.Map.of("lhost-yandex", "postfix", "lhost-bigfoot", "sendmail");

    @BeforeAll
    static void corpus() { Corpus.assumeAvailable(); }

    @Test
    void everyDialectClaimsOnlyTheFamiliesItIsBuiltFor() {
        Set<String> nonBounces = new HashSet<>();
        for (Label l : Labels.load().all()) if (!l.bounce()) nonBounces.add(l.file());
        List<Dialect> all = Dialects.standardOrder(Limits.DEFAULT).all();
        List<String> wrong = new ArrayList<>();
        int claims = 0;
        for (String f : Corpus.files()) {
            String family = Corpus.family(f);
            for (byte[] raw : Mbox.split(Corpus.message(f))) {
                BounceMessage m = BounceMessage.parse(raw);
                for (Dialect d : all) {
                    if (!(d.parse(m) instanceof ParseResult.Decoded)) continue;
                    claims++;
                    if (!allowed(d.name(), family, nonBounces.contains(f))) wrong.add(d.name() + " claims " + f);
                }
            }
        }
        System.out.printf("[corpus] %d dialects x %d files: %d claims, %d outside their families%n", all.size(),
                Corpus.files().size(), claims, wrong.size());
        assertTrue(claims > Corpus.files().size(), "dialects claim the corpus");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    static boolean allowed(String dialect, String family, boolean nonBounce) {
        if (nonBounce) return false;
        if (dialect.equals("arf")) return family.equals("arf");
        if (dialect.equals("rfc3834")) return family.equals("rfc3834");
        if (family.equals("arf") || family.equals("rfc3834")) return false;
        if (FALLBACKS.contains(dialect)) return true;
        if (family.startsWith("rhost-") || family.equals("rfc3464")) return true;
        if (dialect.equals(WRITTEN_BY.get(family))) return true;
        return family.equals("lhost-" + dialect);   // each MTA dialect is named after its family
    }
}
