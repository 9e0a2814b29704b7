package bouncemx.parse;

import bouncemx.event.Event;
import bouncemx.testing.Engine;
import bouncemx.testing.Samples;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Notices written by real MTAs, not by hand: Postfix 3.7.11, Exim 4.96, OpenSMTPD 6.8.0p2, Sendmail 8.17.1.9, nullmailer 2.2, Haraka 3.3.4 and
 * the DragonFly Mail Agent 0.13 (Debian 12's packages), and in a second round Courier 1.0.16, chasquid 1.11, Dovecot
 * LMTP 2.3.19 behind Postfix and Exim, and the local delivery agents of Postfix (local, virtual), Exim and Sendmail,
 * and in a third round the auto-replies of real responders (Dovecot Pigeonhole sieve vacation and reject, vacation(1)
 * under Postfix local, Exim's autoreply transport, procmail's formail recipe), relayed (or delivered) our own test messages over loopback to a scripted server
 * ({@code mta-generated/fake-remote.py}) that answered each recipient with a chosen reply (multi-line
 * replies, replies at RCPT and after DATA, 4xx until the queue gave up), and delivered the notices they wrote
 * back to a local mailbox. {@code mta-generated/README.md} says how to make them again. Each fixture's
 * expected events (one line each in {@code expected.tsv}) are what the scripted reply means, checked by hand.
 */
class RealMtaOutputTest {

    private static final String DIR = "mta-generated/";

    @TestFactory
    Stream<DynamicTest> eachNoticeGivesTheEventsItsRepliesMean() throws IOException {
        return expected().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            List<String> got = new ArrayList<>();
            for (Event ev : Engine.events(Samples.bytes(DIR + e.getKey()))) got.add(line(ev));
            got.sort(null);
            assertEquals(e.getValue(), got, e.getKey());
        }));
    }

    @Test
    void everyFixtureHasItsExpectedEvents() throws IOException, URISyntaxException {
        Path dir = Path.of(RealMtaOutputTest.class.getClassLoader().getResource(DIR + "expected.tsv").toURI()).getParent();
        List<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".eml")).sorted().toList();
        }
        assertEquals(files, List.copyOf(expected().keySet()));
    }

    private static String line(Event e) {
        return String.join("\t", e.type(), e.recipientAddress(), e.classification().reason().wireName(),
                String.valueOf(e.classification().hard()), e.classification().status(), e.classification().replyCode());
    }

    /** File name to its expected event lines (sorted), from expected.tsv. */
    private static Map<String, List<String>> expected() {
        Map<String, List<String>> out = new TreeMap<>();
        for (String row : new String(Samples.bytes(DIR + "expected.tsv"), StandardCharsets.UTF_8).split("\n")) {
            if (row.isBlank() || row.startsWith("#")) continue;
            String[] f = row.split("\t", -1);
            out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(String.join("\t", List.of(f).subList(1, f.length)));
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }
}
