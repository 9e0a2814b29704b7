package bouncemx.corpus;

import bouncemx.testing.Engine;
import bouncemx.testing.Samples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A notice whose header was cut down to its MIME fields (an archive's or a test suite's copy: no From, no Subject) is
 * read from its text alone: each MTA's template says who wrote it, and gives the same verdicts as the whole message.
 */
class HeaderlessNoticesTest {
    /** The message with only its MIME-Version, Content-Type and Content-Transfer-Encoding fields left in the header. */
    static byte[] mimeFieldsOnly(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        int end = text.indexOf("\n\n");
        StringBuilder head = new StringBuilder();
        boolean keep = false;
        for (String line : text.substring(0, end).split("\n")) {
            if (line.startsWith(" ") || line.startsWith("\t")) {
                if (keep) head.append(line).append('\n');
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            keep = lower.startsWith("mime-version:") || lower.startsWith("content-type:") || lower.startsWith("content-transfer-encoding:");
            if (keep) head.append(line).append('\n');
        }
        return (head + text.substring(end + 1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dialects/exim/three-recipients.eml", "dialects/exim/delay-warning.eml",
            "dialects/qmail/three-recipients.eml", "dialects/postfix/two-recipients.eml", "dialects/postfix/old-without-dsn.eml",
            "dialects/sendmail/two-recipients.eml", "dialects/v5sendmail/transcript.eml", "dialects/opensmtpd/two-recipients.eml",
            "dialects/notes/not-listed.eml", "dialects/dragonfly/expired.eml", "dialects/domino/not-listed.eml"})
    void aNoticeWithOnlyItsMimeFieldsReadsAsTheWholeMessage(String resource) {
        byte[] whole = Samples.bytes(resource);
        List<String> expected = CorpusSweepTest.verdicts(Engine.events(whole), Map.of());
        assertFalse(expected.get(0).startsWith("message.unclassified"), resource + " is a bounce: " + expected);
        assertEquals(expected, CorpusSweepTest.verdicts(Engine.events(mimeFieldsOnly(whole)), Map.of()), resource);
    }
}
