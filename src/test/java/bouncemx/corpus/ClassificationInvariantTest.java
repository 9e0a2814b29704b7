package bouncemx.corpus;

import bouncemx.classify.Category;
import bouncemx.classify.Classification;
import bouncemx.reason.Reason;
import bouncemx.event.Event;
import bouncemx.testing.Corpus;
import bouncemx.testing.Engine;
import bouncemx.testing.Samples;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The invariant between {@code hard}, {@code permanent}, the status class and the Action (Classifier's
 * class comment, README "Events"), checked over every event that the shared corpus and all our own
 * fixtures (every .eml under src/test/resources) produce. A broken event is listed with its file, rule
 * and text, so a new table row that breaks it points at itself.
 */
class ClassificationInvariantTest {

    /** Reasons a text can give that say the address does not exist (hostunknown never survives a 4.x.x). */
    private static final Set<Reason> DEAD_ADDRESS = Set.of(Reason.USER_UNKNOWN, Reason.HOST_UNKNOWN, Reason.HAS_MOVED);

    /** Rules decided by an enhanced status code alone: the status table, or a provider's row on a code. */
    private static final Pattern STATUS_RULE = Pattern.compile("^status:.*|^rhost:[^:]+:status=.*");

    /** Rules decided by words of the report: a phrase, a provider's text or code, the dialect's template. */
    private static final Pattern TEXT_RULE = Pattern.compile("^(phrase|dialect|rhost):.*");

    @Test
    void noEventIsHardWithATransientFailureUnlessItsTextNamesADeadAddress() {
        List<String> broken = new ArrayList<>();
        int[] seen = {0};
        forEveryEvent((source, e) -> {
            Classification c = e.classification();
            seen[0]++;
            boolean transientFailure = c.status().startsWith("4") || c.replyCode().startsWith("4");
            if (c.hard() && transientFailure
                    && !(TEXT_RULE.matcher(c.rule()).matches() && !STATUS_RULE.matcher(c.rule()).matches()
                    && DEAD_ADDRESS.contains(c.reason()))) {
                broken.add(describe(source, e, "hard with a transient failure"));
            }
            if (c.hard() && !c.permanent() && STATUS_RULE.matcher(c.rule()).matches()) {
                broken.add(describe(source, e, "hard, not permanent, by a status rule"));
            }
        });
        assertTrue(seen[0] > 0, "no events were produced");
        assertTrue(broken.isEmpty(), broken.size() + " events break the invariant:\n" + String.join("\n", broken));
    }

    @Test
    void permanentIsTheClassAndHardNeedsAFinalReportAndAHardReason() {
        List<String> broken = new ArrayList<>();
        forEveryEvent((source, e) -> {
            Classification c = e.classification();
            if (c.reason() != Reason.DELIVERED && c.status().length() > 1 && !c.statusDerived()
                    && c.permanent() != c.status().startsWith("5")) {
                broken.add(describe(source, e, "permanent is not the status class"));
            }
            if (c.hard() && e.recipient() != null && e.recipient().action().equals("delayed")) {
                broken.add(describe(source, e, "hard on a delay notice"));
            }
            if (c.hard() && !(c.reason().hardByNature() || (c.reason() == Reason.NOT_ACCEPT && c.permanent()))) {
                broken.add(describe(source, e, "hard with a reason that is not"));
            }
            if (c.hard() && c.rule().startsWith("greylisting:")) {
                broken.add(describe(source, e, "hard by greylisting"));
            }
            if (c.category() != Category.SUCCESS && c.category() != Category.DELAYED
                    && c.category() != Category.COMPLAINT && c.category() != Category.AUTO_REPLY
                    && (c.category() == Category.HARD) != c.hard()) {
                broken.add(describe(source, e, "category disagrees with hard"));
            }
        });
        assertTrue(broken.isEmpty(), broken.size() + " events break the invariant:\n" + String.join("\n", broken));
    }

    @Test
    void postfixGivingUpOnAGreylistedRecipientIsASoftSenderSideBounce() {
        List<Event> events = Engine.events(Samples.sample("postfix-greylisted-expired.eml"));
        assertEquals(1, events.size());
        Classification c = events.get(0).classification();
        assertEquals("bounce.soft", events.get(0).type());
        assertEquals(Reason.BLOCKED, c.reason());
        assertEquals(false, c.hard());
        assertEquals(false, c.permanent());
        assertEquals("4.2.0", c.status());
        assertEquals("greylisting:greylist", c.rule());
    }

    private interface EventCheck {
        void check(String source, Event e);
    }

    /** Every classified event of every corpus file (when the corpus is present) and every fixture. */
    private static void forEveryEvent(EventCheck check) {
        if (Corpus.available()) {
            for (String f : Corpus.files()) {
                for (Event e : Engine.events(Corpus.message(f))) {
                    if (e.classification() != null) check.check("corpus/" + f, e);
                }
            }
        }
        for (Path p : fixtures()) {
            try {
                for (Event e : Engine.events(Files.readAllBytes(p))) {
                    if (e.classification() != null) check.check(p.toString(), e);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private static List<Path> fixtures() {
        try {
            Path root = Path.of(ClassificationInvariantTest.class.getResource("/samples").toURI()).getParent();
            try (Stream<Path> s = Files.walk(root)) {
                List<Path> out = s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
                assertTrue(out.size() > 50, "fixtures not found under " + root);
                return out;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(String source, Event e, String what) {
        Classification c = e.classification();
        String text = e.recipient() == null ? "" : e.recipient().diagnosticText();
        if (text.length() > 140) text = text.substring(0, 140);
        return "  " + what + ": " + source + " " + e.recipientAddress() + " reason=" + c.reason().wireName()
                + " hard=" + c.hard() + " permanent=" + c.permanent() + " status=" + c.status() + " reply="
                + c.replyCode() + " rule=" + c.rule() + " | " + text;
    }
}
