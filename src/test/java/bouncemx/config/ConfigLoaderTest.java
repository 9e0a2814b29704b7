package bouncemx.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("bouncemx.yml"), yaml, StandardCharsets.UTF_8);
    }

    Config load(String yaml, String... sets) throws IOException {
        return ConfigLoader.load(file(yaml), List.of(sets));
    }

    /** The one-line problem, without the "FILE: " every message starts with. */
    String problem(String yaml, String... sets) throws IOException {
        Path f = file(yaml);
        var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f, List.of(sets)));
        String m = e.getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), "one line: " + m);
        assertTrue(m.startsWith(f + ": "), m);
        return m.substring((f + ": ").length());
    }

    @Test
    void noFileAndNoOverridesGiveTheBuiltInDefaults() {
        assertEquals(Config.defaults(), ConfigLoader.load(null, List.of()));
    }

    @Test
    void emptyFilesCommentsAndEmptySectionsKeepTheDefaults() throws IOException {
        assertEquals(Config.defaults(), load(""));
        assertEquals(Config.defaults(), load("# nothing but a comment\n"));
        assertEquals(Config.defaults(), load("---\n"));
        assertEquals(Config.defaults(), load("smtp:\nhttp:\ndata:\njournal:\nwebhooks:\n"));
        assertEquals(Config.defaults(), load("smtp:\n  tls:\n    cert:\n    key: \"\"\n  hostname: ~\n"));
    }

    @Test
    void theExampleConfigFileEqualsTheBuiltInDefaults() {
        assertEquals(Config.defaults(), ConfigLoader.load(Path.of("conf/bouncemx.yml"), List.of()));
    }

    @Test
    void theExampleConfigFileDocumentsEveryKeyWithAComment() throws IOException {
        String text = Files.readString(Path.of("conf/bouncemx.yml"));
        JsonNode root = new YAMLMapper().readTree(text);
        for (var section : ConfigLoader.KEYS.entrySet()) {
            if (section.getKey().endsWith("[]")) continue; // list items: documented in the commented examples
            JsonNode node = section.getKey().isEmpty() ? root : root.at("/" + section.getKey().replace('.', '/'));
            for (String key : section.getValue()) assertTrue(node.has(key), "conf/bouncemx.yml lacks " + section.getKey() + "." + key);
        }
        // the commented-out webhook example documents every webhook key and is itself valid
        List<String> lines = new ArrayList<>();
        boolean inExample = false;
        for (String line : text.split("\n")) {
            if (line.equals("webhooks: []")) continue;
            if (line.equals("# webhooks:")) inExample = true;
            lines.add(inExample && line.startsWith("# ") ? line.substring(2) : line);
        }
        Config withExample = load(String.join("\n", lines) + "\n");
        assertEquals(1, withExample.webhooks().size());
        var w = withExample.webhooks().get(0);
        assertEquals(new Config.Webhook("main", "http://127.0.0.1:8080/bounces", w.secret(),
                List.of("bounce.hard", "bounce.soft", "complaint"), Duration.ofSeconds(15), 4, Duration.ofSeconds(5),
                Duration.ofHours(1), Duration.ofHours(72)), w);
        for (String key : ConfigLoader.KEYS.get("webhooks[]")) {
            assertTrue(text.contains("#     " + key + ":") || text.contains("#   - " + key + ":"), "example webhook lacks " + key);
        }
        assertEquals(Config.defaults(), new Config(withExample.smtp(), withExample.http(), withExample.data(),
                withExample.journal(), List.of()));
    }

    @Test
    void everyKeyInAFileReplacesItsDefault() throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n");
        Config c = load("""
                smtp:
                  listen: "[::1]:25"
                  hostname: mx.bounce.example.com
                  domains: [bounce.example.com, "*.Bounce.Example.ORG"]
                  max_message_bytes: 2048
                  max_recipients: 7
                  max_connections: 300
                  max_connections_per_ip: 3
                  command_timeout: 250ms
                  tls: {cert: "%s", key: "%s"}
                http:
                  listen: "0.0.0.0:0"
                data:
                  dir: /var/lib/bouncemx
                journal:
                  segment_bytes: 1048576
                  retention: 2h
                  preallocate_bytes: 0
                webhooks:
                  - name: main
                    url: https://hooks.example.com/bounces
                    secret: whsec_abc
                    types: [complaint, bounce.hard, complaint]
                    timeout: 3s
                    concurrency: 9
                    backoff_initial: 1s
                    backoff_max: 1s
                    max_age: 1d
                  - name: second.one
                    url: http://127.0.0.1:8080/h
                    secret: s2
                """.formatted(cert, key));
        assertEquals(new Config(
                new Config.Smtp("[::1]:25", "mx.bounce.example.com", List.of("bounce.example.com", "*.bounce.example.org"),
                        2048, 7, 300, 3, Duration.ofMillis(250), new Config.Tls(cert.toString(), key.toString())),
                new Config.Http("0.0.0.0:0"),
                new Config.Data("/var/lib/bouncemx"),
                new Config.Journal(1_048_576, Duration.ofHours(2), 0),
                List.of(new Config.Webhook("main", "https://hooks.example.com/bounces", "whsec_abc",
                                List.of("complaint", "bounce.hard"), Duration.ofSeconds(3), 9, Duration.ofSeconds(1),
                                Duration.ofSeconds(1), Duration.ofDays(1)),
                        Config.Webhook.of("second.one", "http://127.0.0.1:8080/h", "s2"))), c);
        assertEquals(Config.Webhook.ALL_TYPES, c.webhooks().get(1).types());
    }

    @Test
    void theVerpSuppressionAndApiSectionsReplaceTheirDefaults() throws IOException {
        Config c = load("""
                verp:
                  keys: [{id: k2, secret: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="}, {id: k1, secret: "YW5vdGhlci1zZWNyZXQtb2YtMzItYnl0ZXMtb3ItbW8="}]
                  require_signature: true
                  max_age: 30d
                suppression:
                  enabled: false
                  soft_threshold: 3
                  soft_threshold_active: 5
                  activity_window: 10d
                  soft_window: 20d
                  count_reasons: [mailboxfull, expired, mailboxfull]
                  campaign_header: X-Campaign
                api:
                  token: "0123456789abcdef-token"
                """);
        assertEquals(new Config.Verp(List.of(new Config.VerpKey("k2", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="),
                new Config.VerpKey("k1", "YW5vdGhlci1zZWNyZXQtb2YtMzItYnl0ZXMtb3ItbW8=")), true, Duration.ofDays(30)), c.verp());
        assertEquals(new Config.Suppression(false, 3, 5, Duration.ofDays(10), Duration.ofDays(20),
                List.of("mailboxfull", "expired"), "X-Campaign"), c.suppression());
        assertEquals(new Config.Api("0123456789abcdef-token"), c.api());
        assertTrue(c.api().enabled());
        assertFalse(Config.defaults().api().enabled());
    }

    @Test
    void aWebhookSecretMayBeAListOfKeysWhileOneIsRotated() throws IOException {
        Config c = load("""
                webhooks:
                  - name: main
                    url: http://127.0.0.1:8080/h
                    secret: [whsec_bmV3LWtleQ==, whsec_b2xkLWtleQ==]
                  - name: one
                    url: http://127.0.0.1:8080/h
                    secret: whsec_b2xkLWtleQ==
                """);
        assertEquals(List.of("whsec_bmV3LWtleQ==", "whsec_b2xkLWtleQ=="), c.webhooks().get(0).secrets());
        assertEquals("whsec_bmV3LWtleQ==", c.webhooks().get(0).secret());
        assertEquals(List.of("whsec_b2xkLWtleQ=="), c.webhooks().get(1).secrets());
        assertEquals(Config.Webhook.of("one", "http://127.0.0.1:8080/h", "whsec_b2xkLWtleQ=="), c.webhooks().get(1));
    }

    @Test
    void overridesComeAfterTheFileInOrderAndReadTheirValueAsYaml() throws IOException {
        Config c = load("""
                smtp:
                  max_recipients: 10
                  domains: [a.example]
                """,
                "smtp.max_recipients=20",
                "smtp.max_recipients=30",
                "smtp.domains=[bounce.example.com, \"*.example.org\"]",
                "smtp.hostname=mx.example.net",
                "journal.retention=12h",
                "webhooks=[{name: main, url: \"http://127.0.0.1:8080/h\", secret: \"whsec_c2VjcmV0\"}, {name: b, url: \"http://127.0.0.1:8080/b\", secret: whsec_c2VjcmV0}]",
                "webhooks[1].types=[complaint]",
                "webhooks[0].concurrency=2");
        assertEquals(30, c.smtp().maxRecipients());
        assertEquals(List.of("bounce.example.com", "*.example.org"), c.smtp().domains());
        assertEquals("mx.example.net", c.smtp().hostname());
        assertEquals(Duration.ofHours(12), c.journal().retention());
        assertEquals(2, c.webhooks().size());
        assertEquals("whsec_c2VjcmV0", c.webhooks().get(0).secret());
        assertEquals(2, c.webhooks().get(0).concurrency());
        assertEquals(List.of("complaint"), c.webhooks().get(1).types());
        assertEquals(Config.defaults().http(), c.http());
    }

    @Test
    void anOverrideCreatesMissingSectionsAndAMapReplacesTheWholeMap() throws IOException {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        Path key = Files.writeString(dir.resolve("k.pem"), "x");
        Config c = ConfigLoader.load(null, List.of("smtp.tls.cert=" + cert, "smtp.tls.key=" + key));
        assertEquals(new Config.Tls(cert.toString(), key.toString()), c.smtp().tls());
        assertTrue(c.smtp().tls().enabled());
        // a map value replaces the file's map: keys it leaves out fall back to their defaults
        Config d = load("smtp:\n  tls: {cert: \"" + cert + "\", key: \"" + key + "\"}\n", "smtp.tls={}");
        assertEquals(new Config.Tls("", ""), d.smtp().tls());
        // an empty value is the empty string
        Config e = load("smtp:\n  tls: {cert: \"" + cert + "\", key: \"" + key + "\"}\n", "smtp.tls.cert=", "smtp.tls.key=");
        assertFalse(e.smtp().tls().enabled());
    }

    @Test
    void theBufferBudgetAndTheDataRateHaveDefaultsAndCanBeSet() throws IOException {
        var d = load("");
        assertEquals(500, d.smtp().minDataRate());
        assertEquals(0, d.smtp().maxBufferedBytes(), "0: a sixth of the heap, decided at start");
        var s = load("smtp:\n  min_data_rate: 0\n  max_buffered_bytes: 67108864\n");
        assertEquals(0, s.smtp().minDataRate());
        assertEquals(67_108_864, s.smtp().maxBufferedBytes());
        assertEquals(67_108_864, bouncemx.smtp.SmtpSettings.of(s.smtp()).maxBufferedBytes());
        assertEquals(bouncemx.smtp.SmtpSettings.defaultBufferedBytes(), bouncemx.smtp.SmtpSettings.of(d.smtp()).maxBufferedBytes());
    }

    @Test
    void theDiskReserveDefaultsToOneGibAndCanBeSetOrTurnedOff() throws IOException {
        assertEquals(1_073_741_824L, load("").data().minFreeBytes());
        assertEquals(5_368_709_120L, load("data:\n  min_free_bytes: 5368709120\n").data().minFreeBytes());
        assertEquals(0, load("", "data.min_free_bytes=0").data().minFreeBytes());
        assertEquals("/srv/bmx", load("data:\n  dir: /srv/bmx\n").data().dir());
        assertEquals(1_073_741_824L, load("data:\n  dir: /srv/bmx\n").data().minFreeBytes());
    }

    @Test
    void acceptsEveryListenFormAndDomainForm() throws IOException {
        for (String listen : List.of("127.0.0.1:0", "0.0.0.0:25", "[::]:25", "[::1]:65535", "localhost:2525", "mx.example.com:25")) {
            assertEquals(listen, load("smtp:\n  listen: \"" + listen + "\"\n").smtp().listen());
        }
        assertEquals(List.of("*", "bounce.example.com", "*.example.com", "localhost", "xn--bcher-kva.example"),
                load("smtp:\n  domains: [\"*\", Bounce.Example.com, \"*.example.com\", localhost, xn--bcher-kva.example]\n").smtp().domains());
    }

    /** One bad configuration and the exact line it must give (without "FILE: "). */
    record Bad(String why, String yaml, List<String> sets, String problem) {
        @Override
        public String toString() {
            return why;
        }
    }

    static Stream<Bad> badConfigurations() {
        return Stream.of(
                new Bad("unknown top-level key", "smpt: {}\n", List.of(),
                        "smpt: unknown key; did you mean smtp? the top level has: smtp, http, data, journal, webhooks, verp, suppression, api"),
                new Bad("unknown key at depth", "smtp:\n  tls:\n    certs: x\n", List.of(),
                        "smtp.tls.certs: unknown key; did you mean cert? smtp.tls has: cert, key"),
                new Bad("unknown key in a webhook", "webhooks:\n  - {name: a, url: \"http://h/x\", secret: whsec_c2VjcmV0, retries: 3}\n", List.of(),
                        "webhooks[0].retries: unknown key; a webhook has: name, url, secret, types, timeout, concurrency, backoff_initial, backoff_max, max_age"),
                new Bad("unknown key from --set", "", List.of("smtp.max_rcpt=5"),
                        "smtp.max_rcpt: unknown key; smtp has: listen, hostname, domains, max_message_bytes, max_recipients,"
                                + " max_connections, max_connections_per_ip, command_timeout, min_data_rate, max_buffered_bytes, tls (from --set smtp.max_rcpt=5)"),
                new Bad("buffer budget too small", "smtp:\n  max_buffered_bytes: 4096\n", List.of(),
                        "smtp.max_buffered_bytes: 4096 is out of range (expected 0 = a sixth of the JVM's maximum heap, or 1048576 to 1099511627776)"),
                new Bad("negative disk reserve", "", List.of("data.min_free_bytes=-1"),
                        "data.min_free_bytes: -1 is out of range (expected a whole number from 0 to 1125899906842624; free space to keep on the data directory's file system; 0 turns the reserve off) (from --set data.min_free_bytes=-1)"),
                new Bad("disk reserve as text", "data:\n  min_free_bytes: 1G\n", List.of(),
                        "data.min_free_bytes: \"1G\" is not a whole number (expected a whole number from 0 to 1125899906842624; free space to keep on the data directory's file system; 0 turns the reserve off)"),
                new Bad("negative data rate", "", List.of("smtp.min_data_rate=-1"),
                        "smtp.min_data_rate: -1 is out of range (expected a whole number from 0 to 1073741824; bytes per second; 0 turns it off) (from --set smtp.min_data_rate=-1)"),
                new Bad("a section that is not a mapping", "http: 9025\n", List.of(),
                        "http: 9025 is not a mapping (expected keys listen)"),
                new Bad("bad duration unit", "smtp:\n  command_timeout: 5x\n", List.of(),
                        "smtp.command_timeout: \"5x\" is not a duration (expected a whole number with a unit: 250ms, 5s, 5m, 2h, 30d)"),
                new Bad("duration without unit", "journal:\n  retention: 30\n", List.of(),
                        "journal.retention: 30 is not a duration (expected a whole number with a unit: 250ms, 5s, 5m, 2h, 30d)"),
                new Bad("fractional duration", "webhooks:\n  - {name: a, url: \"http://h/x\", secret: whsec_c2VjcmV0, timeout: 1.5s}\n", List.of(),
                        "webhooks[0].timeout: \"1.5s\" is not a duration (expected a whole number with a unit: 250ms, 5s, 5m, 2h, 30d)"),
                new Bad("zero duration", "smtp:\n  command_timeout: 0s\n", List.of(),
                        "smtp.command_timeout: \"0s\" is not positive (expected a whole number with a unit: 250ms, 5s, 5m, 2h, 30d)"),
                new Bad("bad duration from --set", "", List.of("journal.retention=-1d"),
                        "journal.retention: \"-1d\" is not a duration (expected a whole number with a unit: 250ms, 5s, 5m, 2h, 30d) (from --set journal.retention=-1d)"),
                new Bad("port out of range", "smtp:\n  listen: \"127.0.0.1:65536\"\n", List.of(),
                        "smtp.listen: \"127.0.0.1:65536\" has port \"65536\", not a number from 0 to 65535 (expected host:port, port 0-65535, IPv6 as \"[::1]:25\")"),
                new Bad("port not a number", "http:\n  listen: \"127.0.0.1:http\"\n", List.of(),
                        "http.listen: \"127.0.0.1:http\" has port \"http\", not a number from 0 to 65535 (expected host:port, port 0-65535, IPv6 as \"[::1]:25\")"),
                new Bad("no port", "smtp:\n  listen: \"127.0.0.1\"\n", List.of(),
                        "smtp.listen: \"127.0.0.1\" has no port (expected host:port, port 0-65535, IPv6 as \"[::1]:25\")"),
                new Bad("IPv6 without brackets", "smtp:\n  listen: \"::1:25\"\n", List.of(),
                        "smtp.listen: \"::1:25\" has an IPv6 address without brackets (expected host:port, port 0-65535, IPv6 as \"[::1]:25\")"),
                new Bad("bad IPv6 literal", "smtp:\n  listen: \"[::g]:25\"\n", List.of(),
                        "smtp.listen: \"[::g]:25\" has an invalid IPv6 address in brackets (expected host:port, port 0-65535, IPv6 as \"[::1]:25\")"),
                new Bad("bad IPv4 address", "smtp:\n  listen: \"300.1.1.1:25\"\n", List.of(),
                        "smtp.listen: \"300.1.1.1:25\" has an invalid IPv4 address (expected host:port, port 0-65535, IPv6 as \"[::1]:25\")"),
                new Bad("listen not a string", "smtp:\n  listen: 25\n", List.of(),
                        "smtp.listen: 25 is not a string (put it in quotes)"),
                new Bad("wildcard inside a name", "smtp:\n  domains: [bounce.example.com, \"foo*.example.com\"]\n", List.of(),
                        "smtp.domains[1]: \"foo*.example.com\" is not a domain pattern (expected an exact name such as bounce.example.com,"
                                + " *.example.com for its subdomains, or * for any)"),
                new Bad("wildcard without dot", "", List.of("smtp.domains=[\"*example.com\"]"),
                        "smtp.domains[0]: \"*example.com\" is not a domain pattern (expected an exact name such as bounce.example.com,"
                                + " *.example.com for its subdomains, or * for any) (from --set smtp.domains=[\"*example.com\"])"),
                new Bad("empty label", "smtp:\n  domains: [a..example]\n", List.of(),
                        "smtp.domains[0]: \"a..example\" is not a domain pattern (expected an exact name such as bounce.example.com,"
                                + " *.example.com for its subdomains, or * for any)"),
                new Bad("no domains", "smtp:\n  domains: []\n", List.of(),
                        "smtp.domains: is empty; list at least one domain (\"*\" accepts any)"),
                new Bad("domains not a list", "smtp:\n  domains: bounce.example.com\n", List.of(),
                        "smtp.domains: \"bounce.example.com\" is not a list (write e.g. [\"a\", \"b\"])"),
                new Bad("bad hostname", "smtp:\n  hostname: \"mx example\"\n", List.of(),
                        "smtp.hostname: \"mx example\" is not a host name (expected e.g. mx.bounce.example.com)"),
                new Bad("message size too small", "smtp:\n  max_message_bytes: 100\n", List.of(),
                        "smtp.max_message_bytes: 100 is out of range (expected a whole number from 1024 to 1073741824; the whole message is held in one buffer)"),
                new Bad("size with a unit", "journal:\n  segment_bytes: 128MB\n", List.of(),
                        "journal.segment_bytes: \"128MB\" is not a whole number (expected a whole number from 1048576 to 1073741824)"),
                new Bad("segment too small", "journal:\n  segment_bytes: 4096\n", List.of(),
                        "journal.segment_bytes: 4096 is out of range (expected a whole number from 1048576 to 1073741824)"),
                new Bad("negative preallocation", "journal:\n  preallocate_bytes: -1\n", List.of(),
                        "journal.preallocate_bytes: -1 is out of range (expected a whole number from 0 to 1073741824; 0 = off)"),
                new Bad("huge number", "smtp:\n  max_recipients: 99999999999999999999999\n", List.of(),
                        "smtp.max_recipients: 99999999999999999999999 is out of range (expected a whole number from 1 to 100000)"),
                new Bad("zero connections", "smtp:\n  max_connections: 0\n", List.of(),
                        "smtp.max_connections: 0 is out of range (expected a whole number from 1 to 1000000)"),
                new Bad("duplicate webhook name", """
                        webhooks:
                          - {name: main, url: "http://127.0.0.1:8080/a", secret: whsec_c2VjcmV0}
                          - {name: other, url: "http://127.0.0.1:8080/b", secret: whsec_c2VjcmV0}
                          - {name: main, url: "http://127.0.0.1:8080/c", secret: whsec_c2VjcmV0}
                        """, List.of(),
                        "webhooks[2].name: \"main\" is already the name of webhooks[0]; names must be unique"),
                new Bad("webhook without secret", "webhooks:\n  - {name: a, url: \"http://h/x\"}\n", List.of(),
                        "webhooks[0].secret: missing; each webhook needs a secret (its Standard Webhooks signing key)"),
                new Bad("webhook with empty secret", "webhooks:\n  - {name: a, url: \"http://h/x\", secret: \"\"}\n", List.of(),
                        "webhooks[0].secret: is empty; each webhook needs a secret (its Standard Webhooks signing key)"),
                new Bad("webhook secret not base64", "webhooks:\n  - {name: a, url: \"http://h/x\", secret: \"whsec_...\"}\n", List.of(),
                        "webhooks[0].secret: is not a signing key (expected \"whsec_\" and base64, e.g. \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\")"),
                new Bad("webhook secret list with a bad key", "webhooks:\n  - {name: a, url: \"http://h/x\", secret: [whsec_c2VjcmV0, \"\"]}\n", List.of(),
                        "webhooks[0].secret[1]: is empty; each webhook needs a secret (its Standard Webhooks signing key)"),
                new Bad("webhook secret empty list", "webhooks:\n  - {name: a, url: \"http://h/x\", secret: []}\n", List.of(),
                        "webhooks[0].secret: is empty; each webhook needs a secret (its Standard Webhooks signing key), or a list of them while a key is rotated"),
                new Bad("webhook without name", "webhooks:\n  - {url: \"http://h/x\", secret: whsec_c2VjcmV0}\n", List.of(),
                        "webhooks[0].name: missing; each webhook needs a name"),
                new Bad("webhook name with a slash", "webhooks:\n  - {name: a/b, url: \"http://h/x\", secret: whsec_c2VjcmV0}\n", List.of(),
                        "webhooks[0].name: \"a/b\" is not a webhook name (expected 1-64 letters, digits, '.', '_' or '-')"),
                new Bad("webhook url not http", "webhooks:\n  - {name: a, url: \"ftp://h/x\", secret: whsec_c2VjcmV0}\n", List.of(),
                        "webhooks[0].url: \"ftp://h/x\" is not http or https (expected an http:// or https:// URL such as \"https://hooks.example.com/bounces\")"),
                new Bad("webhook url without host", "webhooks:\n  - {name: a, url: \"http:///x\", secret: whsec_c2VjcmV0}\n", List.of(),
                        "webhooks[0].url: \"http:///x\" has no host (expected an http:// or https:// URL such as \"https://hooks.example.com/bounces\")"),
                new Bad("unknown event type", "webhooks:\n  - {name: a, url: \"http://h/x\", secret: whsec_c2VjcmV0, types: [bounce.hard, bounce]}\n", List.of(),
                        "webhooks[0].types[1]: \"bounce\" is not an event type (expected one of bounce.hard, bounce.soft, bounce.delayed,"
                                + " complaint, auto_reply, delivery.success, message.unclassified, suppression.changed)"),
                new Bad("no event types", "webhooks:\n  - {name: a, url: \"http://h/x\", secret: whsec_c2VjcmV0, types: []}\n", List.of(),
                        "webhooks[0].types: is empty; list at least one event type, or leave types out for all"),
                new Bad("backoff max below initial", "webhooks:\n  - {name: a, url: \"http://h/x\", secret: whsec_c2VjcmV0, backoff_initial: 2h}\n", List.of(),
                        "webhooks[0].backoff_max: \"1h\" is shorter than backoff_initial \"2h\""),
                new Bad("webhooks not a list", "webhooks: {name: a}\n", List.of(),
                        "webhooks: {\"name\":\"a\"} is not a list of endpoints (each a mapping with name, url and secret)"),
                new Bad("tls key without cert", "smtp:\n  tls:\n    key: /etc/hostname\n", List.of(),
                        "smtp.tls: key is set but cert is empty; set both (PEM files) to offer STARTTLS, or neither"),
                new Bad("tls cert without key from --set", "", List.of("smtp.tls.cert=/etc/hostname"),
                        "smtp.tls: cert is set but key is empty; set both (PEM files) to offer STARTTLS, or neither (from --set smtp.tls.cert=/etc/hostname)"),
                new Bad("YAML syntax error", "smtp:\n  listen: [1\n", List.of(),
                        "invalid YAML at line 2, column 13: while parsing a flow sequence"),
                new Bad("duplicate key", "smtp:\n  listen: \"127.0.0.1:25\"\n  listen: \"127.0.0.1:26\"\n", List.of(),
                        "invalid YAML at line 3, column 9: duplicate key 'listen'"),
                new Bad("a verp key id with capitals", "verp:\n  keys: [{id: K1, secret: \"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\"}]\n", List.of(),
                        "verp.keys[0].id: \"K1\" is not a key id (expected 1-8 of a-z, 0-9)"),
                new Bad("a short verp secret", "verp:\n  keys: [{id: k1, secret: c2hvcnQ=}]\n", List.of(),
                        "verp.keys[0].secret: decodes to 5 bytes (expected base64 of at least 32 random bytes, e.g. from `openssl rand -base64 32`)"),
                new Bad("a duplicate verp key id", "verp:\n  keys: [{id: k1, secret: \"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\"}, {id: k1, secret: \"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\"}]\n", List.of(),
                        "verp.keys[1].id: \"k1\" is already the id of verp.keys[0]; ids must be unique"),
                new Bad("require_signature not a boolean", "", List.of("verp.require_signature=yes please"),
                        "verp.require_signature: \"yes please\" is not true or false (from --set verp.require_signature=yes please)"),
                new Bad("an unknown count reason", "", List.of("suppression.count_reasons=[mailboxfull, greylisted]"),
                        "suppression.count_reasons[1]: \"greylisted\" is not a reason (expected names of the reason table, e.g. mailboxfull) (from --set suppression.count_reasons=[mailboxfull, greylisted])"),
                new Bad("an active threshold below the threshold", "suppression:\n  soft_threshold: 9\n  soft_threshold_active: 8\n", List.of(),
                        "suppression.soft_threshold_active: 8 is below soft_threshold 9 (an active subscriber gets at least as many chances)"),
                new Bad("a short api token", "", List.of("api.token=abc"),
                        "api.token: is not a usable bearer token (expected at least 16 printable ASCII characters without spaces, or \"\" to turn the API off) (from --set api.token=abc)"),
                new Bad("two documents", "smtp: {}\n---\nhttp: {}\n", List.of(),
                        "holds several YAML documents; expected one"),
                new Bad("top level not a mapping", "- smtp\n", List.of(),
                        "the top level is [\"smtp\"]; expected a mapping of sections (smtp, http, data, journal, webhooks, verp, suppression, api)"),
                new Bad("--set without =", "", List.of("smtp.listen"),
                        "--set smtp.listen: expected KEY=VALUE, e.g. smtp.max_recipients=50"),
                new Bad("--set with a bad key", "", List.of("SMTP.listen=x"),
                        "--set SMTP.listen=x: \"SMTP.listen\" is not a key (expected a dotted path of snake_case names, e.g. smtp.tls.cert or webhooks[0].url)"),
                new Bad("--set with bad YAML", "", List.of("smtp.domains=[*]"),
                        "--set smtp.domains=[*]: invalid YAML at line 1, column 1: while scanning an alias; quote \"*\" patterns, YAML reads a bare * as an alias"),
                new Bad("--set into a missing list item", "", List.of("webhooks[0].url=http://h/x"),
                        "--set webhooks[0].url=http://h/x: webhooks has no item [0] (it has 0); set the whole list instead, e.g. --set 'webhooks=[...]'"),
                new Bad("--set below a scalar", "smtp:\n  listen: \"127.0.0.1:25\"\n", List.of("smtp.listen.port=26"),
                        "--set smtp.listen.port=26: smtp.listen is \"127.0.0.1:25\", not a mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigurations")
    void aBadConfigurationIsOneLineNamingKeyValueAndWhatIsExpected(Bad bad) throws IOException {
        assertEquals(bad.problem(), problem(bad.yaml(), bad.sets().toArray(String[]::new)));
    }

    @Test
    void tlsFilesMustExistAndBeFiles() throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        Path missing = dir.resolve("missing.pem");
        assertEquals("smtp.tls.key: \"" + missing + "\": no such file",
                problem("smtp:\n  tls: {cert: \"" + cert + "\", key: \"" + missing + "\"}\n"));
        assertEquals("smtp.tls.cert: \"" + dir + "\" is not a regular file",
                problem("smtp:\n  tls: {cert: \"" + dir + "\", key: \"" + cert + "\"}\n"));
    }

    @Test
    void aMissingFileOrADirectoryIsOneLine() {
        Path missing = dir.resolve("nope.yml");
        assertEquals(missing + ": no such file",
                assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, List.of())).getMessage());
        assertEquals(dir + ": is a directory, not a configuration file",
                assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, List.of())).getMessage());
    }

    @Test
    void aFileThatIsNotUtf8OrTooLargeIsRefused() throws IOException {
        Path latin1 = Files.write(dir.resolve("latin1.yml"), "smtp:\n  hostname: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(latin1 + ": is not UTF-8 text",
                assertThrows(ConfigException.class, () -> ConfigLoader.load(latin1, List.of())).getMessage());
        Path big = Files.write(dir.resolve("big.yml"), new byte[(int) ConfigLoader.MAX_FILE_BYTES + 1]);
        assertEquals(big + ": is " + (ConfigLoader.MAX_FILE_BYTES + 1) + " bytes; a configuration file is at most " + ConfigLoader.MAX_FILE_BYTES,
                assertThrows(ConfigException.class, () -> ConfigLoader.load(big, List.of())).getMessage());
    }

    @Test
    void withoutAFileMessagesStartWithTheKey() {
        assertEquals("smtp.max_recipients: 0 is out of range (expected a whole number from 1 to 100000) (from --set smtp.max_recipients=0)",
                assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of("smtp.max_recipients=0"))).getMessage());
    }
}
