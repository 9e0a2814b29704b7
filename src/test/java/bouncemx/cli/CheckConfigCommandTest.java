package bouncemx.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckConfigCommandTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aGoodFileIsOkWithStatus0() {
        Run r = run("check-config", "--config", "conf/bouncemx.yml");
        assertEquals(new Run(0, "config ok: conf/bouncemx.yml\n", ""), r);
    }

    @Test
    void overridesWithListsAndMapsAreCheckedToo() throws Exception {
        Path f = Files.writeString(dir.resolve("c.yml"), "smtp:\n  hostname: mx.bounce.example.com\n");
        Run ok = run("check-config", "--config", f.toString(), "--set", "smtp.domains=[bounce.example.com]",
                "--set", "webhooks=[{name: main, url: \"http://127.0.0.1:8080/h\", secret: \"whsec_c2VjcmV0\"}]");
        assertEquals(new Run(0, "config ok: " + f + "\n", ""), ok);
        Run bad = run("check-config", "--config", f.toString(), "--set", "smtp.listen=127.0.0.1:70000");
        assertEquals(2, bad.code());
        assertEquals("bouncemx: " + f + ": smtp.listen: \"127.0.0.1:70000\" has port \"70000\", not a number from 0 to 65535"
                + " (expected host:port, port 0-65535, IPv6 as \"[::1]:25\") (from --set smtp.listen=127.0.0.1:70000)\n", bad.err());
    }

    @Test
    void aBadFileIsOneLineOnStderrWithStatus2() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.yml"), "smtp:\n  tls:\n    cert: /etc/hostname\n");
        Run r = run("check-config", "--config", f.toString());
        assertEquals(new Run(2, "", "bouncemx: " + f + ": smtp.tls: cert is set but key is empty;"
                + " set both (PEM files) to offer STARTTLS, or neither\n"), r);
    }

    @Test
    void anUnknownKeyDeepInsideIsNamedInFull() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.yml"),
                "webhooks:\n  - name: main\n    url: http://127.0.0.1:8080/h\n    secret: whsec_c2VjcmV0\n    backof_max: 1h\n");
        Run r = run("check-config", "--config", f.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("bouncemx: " + f + ": webhooks[0].backof_max: unknown key; did you mean backoff_max? a webhook has: name, url,"
                + " secret, types, timeout, concurrency, backoff_initial, backoff_max, max_age\n", r.err());
    }

    @Test
    void aMissingFileIsOneLineWithStatus2() {
        Path f = dir.resolve("nope.yml");
        assertEquals(new Run(2, "", "bouncemx: " + f + ": no such file\n"), run("check-config", "--config", f.toString()));
        assertEquals(new Run(2, "", "bouncemx: " + dir + ": is a directory, not a configuration file\n"),
                run("check-config", "--config", dir.toString()));
    }

    @Test
    void withoutConfigItIsAUsageErrorWithStatus2() {
        Run r = run("check-config");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("bouncemx: Missing required option: '--config=FILE'"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
