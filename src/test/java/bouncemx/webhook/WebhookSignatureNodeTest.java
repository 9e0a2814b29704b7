package bouncemx.webhook;

import bouncemx.config.Config;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static bouncemx.webhook.Receiver.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Our signatures verify with an implementation we did not write: the npm package {@code standardwebhooks}
 * (the reference library of the specification), run by node. The package is installed into
 * target/npm-standardwebhooks on first use; without node or npm (or without the registry) the test reports
 * itself skipped and says why. Covers a key rotation: every request must verify under each of the two keys.
 */
@Timeout(180)
class WebhookSignatureNodeTest {
    static final String VERSION = "1.1.1";

    @TempDir
    Path data;

    static Path installedLibrary() throws Exception {
        Path dir = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("npm-standardwebhooks");
        if (Files.isRegularFile(dir.resolve("node_modules/standardwebhooks/package.json"))) return dir;
        Files.createDirectories(dir);
        String problem = runQuietly(dir, Duration.ofSeconds(150), "npm", "install", "--no-audit", "--no-fund", "--silent", "--fetch-timeout=30000", "--fetch-retries=1",
                "--prefix", dir.toString(), "standardwebhooks@" + VERSION);
        Assumptions.assumeTrue(problem == null, "the npm package standardwebhooks could not be installed: " + problem);
        return dir;
    }

    /** Runs a command; null when it exited 0, else what went wrong. */
    static String runQuietly(Path dir, Duration timeout, String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("npm.log").toFile()).start();
        } catch (IOException e) {
            return command[0] + " is not available (" + e.getMessage() + ")";
        }
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return command[0] + " did not finish within " + timeout.toSeconds() + " s";
        }
        return p.exitValue() == 0 ? null : command[0] + " exited " + p.exitValue() + ": " + Files.readString(dir.resolve("npm.log")).strip();
    }

    @Test
    void everyRequestVerifiesWithTheStandardWebhooksLibraryUnderEachKeyOfARotation() throws Exception {
        Path lib = installedLibrary();
        List<Receiver.Request> requests;
        try (var f = new Fixture(data); var receiver = new Receiver()) {
            f.append("bounce.hard", "bounce.soft");
            f.append("complaint");
            var w = Fixture.endpoint(receiver.url());
            f.sender(new Config.Webhook(w.name(), w.url(), Fixture.KEY, w.types(), w.timeout(), w.concurrency(),
                    w.backoffInitial(), w.backoffMax(), w.maxAge(), List.of(Fixture.KEY, Fixture.OLD_KEY)));
            await("three requests", Duration.ofSeconds(20), () -> receiver.requests().size() == 3);
            requests = receiver.requests();
        }
        var mapper = new ObjectMapper();
        ArrayNode cases = mapper.createArrayNode();
        for (Receiver.Request r : requests) {
            for (String key : List.of(Fixture.KEY, Fixture.OLD_KEY)) {
                cases.add(testCase(mapper, key, r, r.body(), true));
            }
            byte[] tampered = r.text().replace("\"type\"", "\"typ\"").getBytes(StandardCharsets.UTF_8);
            cases.add(testCase(mapper, Fixture.KEY, r, tampered, false));
        }
        Path input = data.resolve("cases.json");
        Files.write(input, mapper.writeValueAsBytes(cases));
        Path script = data.resolve("verify.js");
        Files.writeString(script, """
                const { Webhook } = require(process.argv[2] + "/node_modules/standardwebhooks");
                const cases = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));
                let failures = 0;
                for (const c of cases) {
                  let ok;
                  try { new Webhook(c.key).verify(Buffer.from(c.body, "base64").toString("utf8"), c.headers); ok = true; }
                  catch (e) { ok = false; }
                  if (ok !== c.expect) { failures++; console.log("unexpected " + ok + " for " + c.headers["webhook-id"] + " key " + c.key.slice(0, 12)); }
                }
                console.log(cases.length + " cases, " + failures + " unexpected");
                """);
        var p = new ProcessBuilder("node", script.toString(), lib.toString(), input.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(requests.size() * 3 + " cases, 0 unexpected", out);
        assertEquals(0, p.exitValue(), out);
    }

    private static ObjectNode testCase(ObjectMapper mapper, String key, Receiver.Request r, byte[] body, boolean expect) {
        ObjectNode c = mapper.createObjectNode();
        c.put("key", key);
        c.put("body", Base64.getEncoder().encodeToString(body));
        c.put("expect", expect);
        ObjectNode h = c.putObject("headers");
        h.put("webhook-id", r.id());
        h.put("webhook-timestamp", r.timestamp());
        h.put("webhook-signature", r.signature());
        return c;
    }
}
