package bouncemx.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bouncemx suppression ...} against a data directory no daemon holds. */
class SuppressionCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC);

    record Result(int code, String out, String err) {}

    private Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data";
        all[args.length + 1] = dir.toString();
        int code = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), clock);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void withoutAStoreReadsAreAUsageError() {
        Result r = run("suppression", "get", "jane@example.org");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no suppression state"), r.err());
    }

    @Test
    void addGetListExportAndLiftWorkOnTheDataDirectory() throws Exception {
        Result add = run("suppression", "add", "Jane@Example.org");
        assertEquals(0, add.code(), add.err());
        JsonNode added = JSON.readTree(add.out());
        assertTrue(added.get("suppressed").asBoolean());
        assertEquals("manual", added.get("cause").asText());

        JsonNode got = JSON.readTree(run("suppression", "get", "jane@example.org").out());
        assertTrue(got.get("suppressed").asBoolean());
        assertEquals("2026-12-02T09:00:00Z", got.get("updated_at").asText());

        List<String> listed = run("suppression", "list", "--since", "2026-01-01T00:00:00Z").out().lines().toList();
        assertEquals(1, listed.size());
        assertEquals(2, run("suppression", "list", "--since", "last week").code());

        List<String> csv = run("suppression", "export", "--csv").out().lines().toList();
        assertEquals(List.of("address,suppressed,cause,soft_bounces,updated_at",
                "jane@example.org,true,manual,0,2026-12-02T09:00:00Z"), csv);

        JsonNode lifted = JSON.readTree(run("suppression", "lift", "jane@example.org").out());
        assertFalse(lifted.get("suppressed").asBoolean());
        assertEquals("manual_lift", JSON.readTree(run("suppression", "get", "JANE@example.org").out()).get("cause").asText());
        assertEquals(2, run("suppression", "add", "not-an-address").code());
    }
}
