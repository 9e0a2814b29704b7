package bouncemx.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerpCommandTest {
    private static final String KEYS = "verp.keys=[{id: k1, secret: \"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\"}]";
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC);

    record Result(int code, String out, String err) {}

    private Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), clock);
        return new Result(code, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void encodeThenVerifyRoundTripsWithTheDomainFromSmtpDomains() throws Exception {
        Result enc = run("verp", "encode", "--set", KEYS, "--set", "smtp.domains=[\"*.x.example\", bounce.example.com]",
                "--recipient", "Jane@Example.org", "--ref", "c42");
        assertEquals(0, enc.code(), enc.err());
        assertTrue(enc.out().matches("bs-[a-z2-7]{13}-k1-c42-jane=example\\.org@bounce\\.example\\.com"), enc.out());
        Result ver = run("verp", "verify", "--set", KEYS, enc.out());
        assertEquals(0, ver.code(), ver.err());
        JsonNode j = new ObjectMapper().readTree(ver.out());
        assertTrue(j.get("valid").asBoolean());
        assertEquals("jane@example.org", j.get("recipient").asText());
        assertEquals("c42", j.get("ref").asText());
        assertEquals("k1", j.get("key_id").asText());
        assertEquals("2026-12-02", j.get("issued").asText());
        assertTrue(j.get("problem") == null, ver.out());
    }

    @Test
    void verifyExitsOneWithTheProblemForAnInvalidAddress() throws Exception {
        Result ver = run("verp", "verify", "--set", KEYS, "bounces+jane=example.org@bounce.example.com");
        assertEquals(1, ver.code());
        JsonNode j = new ObjectMapper().readTree(ver.out());
        assertEquals(false, j.get("valid").asBoolean());
        assertTrue(j.get("recipient").isNull());
        assertEquals("not_signed", j.get("problem").asText());
    }

    @Test
    void encodeExitsTwoWithOneLineWhenTheRecipientCannotFitOrNoKeyIsSet() {
        Result tooLong = run("verp", "encode", "--set", KEYS, "--domain", "b.example", "--recipient",
                "a".repeat(40) + "@example.org");
        assertEquals(2, tooLong.code());
        assertTrue(tooLong.err().startsWith("bouncemx: recipient") && tooLong.err().contains("at most 43"), tooLong.err());
        assertEquals(1, tooLong.err().lines().count());
        Result noKey = run("verp", "encode", "--domain", "b.example", "--recipient", "jane@example.org");
        assertEquals(2, noKey.code());
        assertTrue(noKey.err().contains("no signing key"), noKey.err());
        Result noArg = run("verp", "verify");
        assertEquals(2, noArg.code());
    }
}
