package bouncemx.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds the {@link Config}: the built-in defaults ({@link Config#defaults()}), then an optional YAML file,
 * then {@code --set KEY=VALUE} overrides in order. Keys are the snake_case names of DESIGN.md section 5 (the
 * table {@link #KEYS}); a key that is absent or null keeps its default. Everything is checked here, once:
 * unknown keys, value types, ranges, listen addresses, domain patterns, webhook endpoints, TLS files.
 *
 * <p>Override syntax: KEY is a dotted path of snake_case names, list items by index ({@code smtp.tls.cert},
 * {@code webhooks[0].url}); VALUE is read as YAML ({@code [bounce.example.com]}, {@code {cert: a, key: b}},
 * {@code 30s}; an empty VALUE is the empty string) and replaces the value at KEY whole (a list or map is not
 * merged with the file's). Missing parent maps are created.
 *
 * <p>When it cannot: throws {@link ConfigException} with one line, "FILE: KEY: problem", naming the full
 * key path, the value and what was expected, plus "(from --set ...)" when an override put the value there.
 * Stateless and thread-safe (the YAML mapper is configured once and only read).
 */
public final class ConfigLoader {

    /** A configuration file is small; anything larger is a mistake (a wrong path), not a config. */
    static final long MAX_FILE_BYTES = 1 << 20;

    /**
     * The known keys of each mapping, in the order conf/bouncemx.yml documents them; "webhooks[]" is one
     * item of the webhooks list. A key not listed under its mapping is an error.
     */
    static final Map<String, List<String>> KEYS = Map.ofEntries(
            Map.entry("", List.of("smtp", "http", "data", "journal", "webhooks", "verp", "suppression", "api")),
            Map.entry("smtp", List.of("listen", "hostname", "domains", "max_message_bytes", "max_recipients",
                    "max_connections", "max_connections_per_ip", "command_timeout", "min_data_rate", "max_buffered_bytes",
                    "tls")),
            Map.entry("smtp.tls", List.of("cert", "key")),
            Map.entry("http", List.of("listen")),
            Map.entry("data", List.of("dir", "min_free_bytes")),
            Map.entry("journal", List.of("segment_bytes", "retention", "preallocate_bytes")),
            Map.entry("webhooks[]", List.of("name", "url", "secret", "types", "timeout", "concurrency", "backoff_initial",
                    "backoff_max", "max_age")),
            Map.entry("verp", List.of("keys", "require_signature", "max_age")),
            Map.entry("verp.keys[]", List.of("id", "secret")),
            Map.entry("suppression", List.of("enabled", "soft_threshold", "soft_threshold_active", "activity_window",
                    "soft_window", "count_reasons", "campaign_header")),
            Map.entry("api", List.of("token")));

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long GIB = 1024 * MIB;

    /** Duplicate keys are an error; an empty plain value ("key:") is null, i.e. the default, while "" stays "". */
    private static final YAMLMapper YAML = YAMLMapper.builder(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

    private static final Pattern SET_KEY = Pattern.compile(
            "[a-z][a-z0-9_]*(\\[[0-9]{1,6}])?(\\.[a-z][a-z0-9_]*(\\[[0-9]{1,6}])?)*");
    private static final Pattern SET_STEP = Pattern.compile("([a-z][a-z0-9_]*)|\\[([0-9]+)]");
    private static final Pattern WEBHOOK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private ConfigLoader() {}

    /**
     * The configuration from the defaults, {@code fileOrNull} (none: defaults only) and the {@code sets}
     * ("KEY=VALUE", applied in order; null = none). Throws ConfigException (one line) when anything is wrong.
     */
    public static Config load(Path fileOrNull, List<String> sets) {
        String where = fileOrNull == null ? "" : fileOrNull + ": ";
        List<Override> overrides = new ArrayList<>();
        if (sets != null) for (String arg : sets) overrides.add(parseSet(where, arg));
        ObjectNode root = fileOrNull == null ? JsonNodeFactory.instance.objectNode() : readFile(fileOrNull);
        for (Override o : overrides) apply(where, root, o);
        try {
            return toConfig(root);
        } catch (Problem p) {
            String from = "";
            for (Override o : overrides) if (related(p.key, o.key())) from = " (from --set " + o.arg() + ")";
            throw new ConfigException(where + (p.key.isEmpty() ? "" : p.key + ": ") + p.getMessage() + from);
        }
    }

    // ---- reading the file ----

    private static ObjectNode readFile(Path file) {
        String where = file + ": ";
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) throw new ConfigException(where + "is a directory, not a configuration file");
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ConfigException(where + "is " + size + " bytes; a configuration file is at most " + MAX_FILE_BYTES);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(where + "no such file");
        } catch (AccessDeniedException e) {
            throw new ConfigException(where + "cannot read it: permission denied");
        } catch (IOException e) {
            throw new ConfigException(where + "cannot read it: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(where + "is not UTF-8 text");
        }
        JsonNode doc = yaml(text, where);
        if (doc.isNull()) return JsonNodeFactory.instance.objectNode();      // empty file: all defaults
        if (!(doc instanceof ObjectNode obj)) {
            throw new ConfigException(where + "the top level is " + shown(doc) + "; expected a mapping of sections ("
                    + String.join(", ", KEYS.get("")) + ")");
        }
        return obj;
    }

    /** One YAML document as a tree; an empty text is a null node. */
    private static JsonNode yaml(String text, String where) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
        try (JsonParser parser = YAML.createParser(text)) {
            JsonNode doc = YAML.readTree(parser);
            if (doc != null && YAML.readTree(parser) != null) throw new ConfigException(where + "holds several YAML documents; expected one");
            return doc == null || doc.isMissingNode() ? NullNode.getInstance() : doc;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String at = loc != null && loc.getLineNr() > 0 ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : "";
            String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("").strip();
            if (what.startsWith("Duplicate field")) what = "duplicate key " + what.substring("Duplicate field ".length());
            throw new ConfigException(where + "invalid YAML" + at + ": " + what);
        } catch (IOException e) {
            throw new ConfigException(where + "cannot read it: " + e.getMessage());
        }
    }

    // ---- --set overrides ----

    /** One --set: its argument as typed, the canonical key, the steps (String names, Integer indexes), the value. */
    private record Override(String arg, String key, List<Object> steps, JsonNode value) {}

    private static Override parseSet(String where, String arg) {
        int eq = arg.indexOf('=');
        if (eq < 0) throw new ConfigException(where + "--set " + arg + ": expected KEY=VALUE, e.g. smtp.max_recipients=50");
        String key = arg.substring(0, eq).strip();
        String raw = arg.substring(eq + 1);
        if (!SET_KEY.matcher(key).matches()) {
            throw new ConfigException(where + "--set " + arg + ": \"" + key
                    + "\" is not a key (expected a dotted path of snake_case names, e.g. smtp.tls.cert or webhooks[0].url)");
        }
        List<Object> steps = new ArrayList<>();
        for (String part : key.split("\\.")) {
            var m = SET_STEP.matcher(part);
            while (m.find()) steps.add(m.group(1) != null ? m.group(1) : (Object) Integer.valueOf(m.group(2)));
        }
        JsonNode value;
        if (raw.isBlank()) {
            value = TextNode.valueOf("");
        } else {
            try {
                value = yaml(raw, "");
            } catch (ConfigException e) {
                String hint = raw.contains("*") ? "; quote \"*\" patterns, YAML reads a bare * as an alias" : "";
                throw new ConfigException(where + "--set " + arg + ": " + e.getMessage() + hint);
            }
        }
        return new Override(arg, key, steps, value);
    }

    /** Puts the override's value at its key, creating missing parent mappings. */
    private static void apply(String where, ObjectNode root, Override o) {
        JsonNode cur = root;
        StringBuilder at = new StringBuilder();
        for (int i = 0; i < o.steps().size(); i++) {
            Object step = o.steps().get(i);
            boolean last = i == o.steps().size() - 1;
            if (step instanceof String name) {
                if (!(cur instanceof ObjectNode obj)) {
                    throw new ConfigException(where + "--set " + o.arg() + ": " + at + " is " + shown(cur) + ", not a mapping");
                }
                if (last) {
                    obj.set(name, o.value());
                    return;
                }
                JsonNode next = obj.get(name);
                if (next == null || next.isNull()) {
                    next = o.steps().get(i + 1) instanceof String ? obj.putObject(name) : obj.putArray(name);
                }
                if (!at.isEmpty()) at.append('.');
                at.append(name);
                cur = next;
            } else {
                int index = (Integer) step;
                if (!(cur instanceof ArrayNode list) || index >= list.size()) {
                    throw new ConfigException(where + "--set " + o.arg() + ": " + at + " has no item [" + index
                            + "] (" + (cur instanceof ArrayNode list ? "it has " + list.size() : "it is not a list")
                            + "); set the whole list instead, e.g. --set '" + at + "=[...]'");
                }
                if (last) {
                    list.set(index, o.value());
                    return;
                }
                at.append('[').append(index).append(']');
                cur = list.get(index);
            }
        }
    }

    /** Whether one key path lies inside the other (so an override at one explains a problem at the other). */
    private static boolean related(String a, String b) {
        return inside(a, b) || inside(b, a);
    }

    private static boolean inside(String inner, String outer) {
        return inner.equals(outer) || inner.startsWith(outer + ".") || inner.startsWith(outer + "[");
    }

    // ---- mapping the tree to records ----

    /** A problem at a key path; becomes the ConfigException line. */
    private static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String key;

        Problem(String key, String message) {
            super(message, null, false, false);
            this.key = key;
        }
    }

    /** A node and its full key path ("smtp.tls.cert", "webhooks[1].url"); a null or NullNode is absent. */
    private record At(String key, JsonNode node) {
        boolean absent() {
            return node == null || node.isNull() || node.isMissingNode();
        }

        At get(String name) {
            return new At(key.isEmpty() ? name : key + "." + name, node == null ? null : node.get(name));
        }

        At item(int index) {
            return new At(key + "[" + index + "]", node.get(index));
        }

        Problem bad(String why) {
            return new Problem(key, why);
        }

        String shown() {
            return ConfigLoader.shown(node);
        }
    }

    private static Config toConfig(ObjectNode rootNode) {
        var root = new At("", rootNode);
        mapping(root, "");
        var d = Config.defaults();

        var s = root.get("smtp");
        mapping(s, "smtp");
        var smtp = new Config.Smtp(
                listen(s.get("listen"), d.smtp().listen()),
                hostname(s.get("hostname"), d.smtp().hostname()),
                domains(s.get("domains"), d.smtp().domains()),
                integer(s.get("max_message_bytes"), d.smtp().maxMessageBytes(), KIB, GIB,
                        "the whole message is held in one buffer"),
                (int) integer(s.get("max_recipients"), d.smtp().maxRecipients(), 1, 100_000, null),
                (int) integer(s.get("max_connections"), d.smtp().maxConnections(), 1, 1_000_000, null),
                (int) integer(s.get("max_connections_per_ip"), d.smtp().maxConnectionsPerIp(), 1, 1_000_000, null),
                duration(s.get("command_timeout"), d.smtp().commandTimeout()),
                integer(s.get("min_data_rate"), d.smtp().minDataRate(), 0, GIB, "bytes per second; 0 turns it off"),
                bufferedBytes(s.get("max_buffered_bytes"), d.smtp().maxBufferedBytes()),
                tls(s.get("tls")));

        var h = root.get("http");
        mapping(h, "http");
        var http = new Config.Http(listen(h.get("listen"), d.http().listen()));

        var da = root.get("data");
        mapping(da, "data");
        var data = new Config.Data(path(da.get("dir"), d.data().dir()),
                integer(da.get("min_free_bytes"), d.data().minFreeBytes(), 0, 1024 * 1024 * GIB,
                        "free space to keep on the data directory's file system; 0 turns the reserve off"));

        var j = root.get("journal");
        mapping(j, "journal");
        var journal = new Config.Journal(
                integer(j.get("segment_bytes"), d.journal().segmentBytes(), MIB, GIB, null),
                duration(j.get("retention"), d.journal().retention()),
                integer(j.get("preallocate_bytes"), d.journal().preallocateBytes(), 0, GIB, "0 = off"));

        var webhooks = webhooks(root.get("webhooks"));

        var v = root.get("verp");
        mapping(v, "verp");
        var verp = new Config.Verp(verpKeys(v.get("keys")), bool(v.get("require_signature"), d.verp().requireSignature()),
                duration(v.get("max_age"), d.verp().maxAge()));

        var su = root.get("suppression");
        mapping(su, "suppression");
        var ds = d.suppression();
        int soft = (int) integer(su.get("soft_threshold"), ds.softThreshold(), 1, 1000, null);
        int softActive = (int) integer(su.get("soft_threshold_active"), ds.softThresholdActive(), 1, 1000, null);
        if (softActive < soft) {
            throw su.get("soft_threshold_active").bad(softActive + " is below soft_threshold " + soft
                    + " (an active subscriber gets at least as many chances)");
        }
        var suppression = new Config.Suppression(bool(su.get("enabled"), ds.enabled()), soft, softActive,
                duration(su.get("activity_window"), ds.activityWindow()), duration(su.get("soft_window"), ds.softWindow()),
                countReasons(su.get("count_reasons"), ds.countReasons()),
                headerName(su.get("campaign_header"), ds.campaignHeader()));

        var a = root.get("api");
        mapping(a, "api");
        String token = string(a.get("token"), d.api().token());
        if (!token.isEmpty() && (token.length() < 16 || !token.matches("[\\x21-\\x7e]+"))) {
            throw a.get("token").bad("is not a usable bearer token (expected at least 16 printable ASCII characters"
                    + " without spaces, or \"\" to turn the API off)");
        }
        return new Config(smtp, http, data, journal, webhooks, verp, suppression, new Config.Api(token));
    }

    private static boolean bool(At at, boolean def) {
        if (at.absent()) return def;
        if (!at.node().isBoolean()) throw at.bad(at.shown() + " is not true or false");
        return at.node().booleanValue();
    }

    /** Signed-VERP keys: ids 1-8 of a-z, 0-9, unique; secrets base64 of at least 32 bytes. */
    private static List<Config.VerpKey> verpKeys(At at) {
        if (at.absent()) return List.of();
        if (!at.node().isArray()) throw at.bad(at.shown() + " is not a list of keys (each a mapping with id and secret)");
        List<Config.VerpKey> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < at.node().size(); i++) {
            At k = at.item(i);
            if (k.absent() || !k.node().isObject()) {
                throw k.bad((k.absent() ? "is empty" : k.shown() + " is not a mapping") + "; each key needs id and secret");
            }
            mapping(k, "verp.keys[]");
            At idAt = k.get("id");
            String id = required(idAt, "each key needs an id (1-8 of a-z, 0-9)");
            if (!id.matches("[a-z0-9]{1,8}")) throw idAt.bad(idAt.shown() + " is not a key id (expected 1-8 of a-z, 0-9)");
            Integer other = seen.putIfAbsent(id, i);
            if (other != null) throw idAt.bad(idAt.shown() + " is already the id of verp.keys[" + other + "]; ids must be unique");
            At secretAt = k.get("secret");
            String secret = required(secretAt, "each key needs a secret (base64 of at least 32 random bytes)");
            int n;
            try {
                n = Base64.getDecoder().decode(secret).length;
            } catch (IllegalArgumentException e) {
                n = -1;
            }
            if (n < 32) {
                throw secretAt.bad((n < 0 ? "is not base64" : "decodes to " + n + " bytes")
                        + " (expected base64 of at least 32 random bytes, e.g. from `openssl rand -base64 32`)");
            }
            out.add(new Config.VerpKey(id, secret));
        }
        return out;
    }

    private static List<String> countReasons(At at, List<String> def) {
        List<String> list = strings(at, def);
        for (int i = 0; i < list.size(); i++) {
            if (bouncemx.reason.Reason.fromWire(list.get(i)) == null) {
                At item = at.item(i);
                throw item.bad(item.shown() + " is not a reason (expected names of the reason table, e.g. mailboxfull)");
            }
        }
        return List.copyOf(new LinkedHashSet<>(list));
    }

    private static String headerName(At at, String def) {
        String text = string(at, def);
        if (!text.matches("[\\x21-\\x39\\x3b-\\x7e]{1,76}")) {
            throw at.bad(shown(TextNode.valueOf(text)) + " is not a header name (expected e.g. Feedback-ID or List-Id)");
        }
        return text;
    }

    /** Checks that {@code at} is a mapping (or absent) whose keys are all known for {@code section}. */
    private static void mapping(At at, String section) {
        if (at.absent()) return;
        List<String> known = KEYS.get(section);
        if (!at.node().isObject()) {
            throw at.bad(at.shown() + " is not a mapping (expected keys " + String.join(", ", known) + ")");
        }
        for (var it = at.node().fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (known.contains(name)) continue;
            String near = known.stream().filter(k -> distance(k, name) <= 2).findFirst().orElse(null);
            String owner = section.isEmpty() ? "the top level" : section.equals("webhooks[]") ? "a webhook" : section;
            throw at.get(name).bad("unknown key; " + (near != null ? "did you mean " + near + "? " : "")
                    + owner + " has: " + String.join(", ", known));
        }
    }

    private static String string(At at, String def) {
        if (at.absent()) return def;
        if (!at.node().isTextual()) {
            throw at.bad(at.shown() + " is not a string" + (at.node().isValueNode() ? " (put it in quotes)" : ""));
        }
        return at.node().textValue();
    }

    private static String required(At at, String what) {
        if (at.absent()) throw at.bad("missing; " + what);
        String v = string(at, "");
        if (v.isBlank()) throw at.bad("is empty; " + what);
        return v;
    }

    private static long integer(At at, long def, long min, long max, String why) {
        if (at.absent()) return def;
        JsonNode n = at.node();
        String range = "expected a whole number from " + min + " to " + max + (why == null ? "" : "; " + why);
        if (!n.isIntegralNumber()) throw at.bad(at.shown() + " is not a whole number (" + range + ")");
        if (!n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
            throw at.bad(at.shown() + " is out of range (" + range + ")");
        }
        return n.longValue();
    }

    /** 0 (a sixth of the heap) or 1 MiB to 1 TiB. */
    private static long bufferedBytes(At at, long def) {
        long v = integer(at, def, 0, 1024 * GIB, "0 = a sixth of the JVM's maximum heap, else at least 1048576");
        if (v != 0 && v < MIB) {
            throw at.bad(at.shown() + " is out of range (expected 0 = a sixth of the JVM's maximum heap, or 1048576 to "
                    + 1024 * GIB + ")");
        }
        return v;
    }

    private static Duration duration(At at, Duration def) {
        if (at.absent()) return def;
        if (!at.node().isTextual()) throw at.bad(at.shown() + " is not a duration (expected " + Durations.EXPECTED + ")");
        Duration d;
        try {
            d = Durations.parse(at.node().textValue());
        } catch (IllegalArgumentException e) {
            throw at.bad(e.getMessage());
        }
        if (d.isZero()) throw at.bad(at.shown() + " is not positive (expected " + Durations.EXPECTED + ")");
        return d;
    }

    private static List<String> strings(At at, List<String> def) {
        if (at.absent()) return def;
        if (!at.node().isArray()) throw at.bad(at.shown() + " is not a list (write e.g. [\"a\", \"b\"])");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < at.node().size(); i++) {
            At item = at.item(i);
            if (item.absent()) throw item.bad("is empty");
            out.add(string(item, ""));
        }
        return out;
    }

    private static String listen(At at, String def) {
        String text = string(at, def);
        try {
            ListenAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw at.bad(e.getMessage());
        }
        return text;
    }

    private static String hostname(At at, String def) {
        String text = string(at, def);
        if (!Hostnames.valid(text)) {
            throw at.bad(shown(TextNode.valueOf(text)) + " is not a host name (expected e.g. mx.bounce.example.com)");
        }
        return text;
    }

    /** Recipient domains: exact names, "*.example.com" (its subdomains) or "*" (any); stored lowercased. */
    private static List<String> domains(At at, List<String> def) {
        List<String> list = strings(at, def);
        if (list.isEmpty()) throw at.bad("is empty; list at least one domain (\"*\" accepts any)");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String p = list.get(i);
            boolean ok = p.equals("*") || (p.startsWith("*.") ? Hostnames.valid(p.substring(2)) : Hostnames.valid(p));
            if (!ok) {
                throw at.item(i).bad(shown(TextNode.valueOf(p)) + " is not a domain pattern (expected an exact name such as"
                        + " bounce.example.com, *.example.com for its subdomains, or * for any)");
            }
            out.add(p.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static String path(At at, String def) {
        String text = string(at, def);
        if (text.isBlank()) throw at.bad("is empty; expected a directory path");
        try {
            Path.of(text);
        } catch (InvalidPathException e) {
            throw at.bad(shown(TextNode.valueOf(text)) + " is not a valid path: " + e.getReason());
        }
        return text;
    }

    private static Config.Tls tls(At at) {
        mapping(at, "smtp.tls");
        String cert = string(at.get("cert"), "");
        String key = string(at.get("key"), "");
        if (cert.isEmpty() != key.isEmpty()) {
            throw at.bad((cert.isEmpty() ? "key is set but cert is empty" : "cert is set but key is empty")
                    + "; set both (PEM files) to offer STARTTLS, or neither");
        }
        if (!cert.isEmpty()) {
            readableFile(at.get("cert"), cert);
            readableFile(at.get("key"), key);
        }
        return new Config.Tls(cert, key);
    }

    private static void readableFile(At at, String text) {
        Path p;
        try {
            p = Path.of(text);
        } catch (InvalidPathException e) {
            throw at.bad(shown(TextNode.valueOf(text)) + " is not a valid path: " + e.getReason());
        }
        String shown = shown(TextNode.valueOf(text));
        if (!Files.exists(p)) throw at.bad(shown + ": no such file");
        if (!Files.isRegularFile(p)) throw at.bad(shown + " is not a regular file");
        if (!Files.isReadable(p)) throw at.bad(shown + " is not readable");
    }

    private static List<Config.Webhook> webhooks(At at) {
        if (at.absent()) return List.of();
        if (!at.node().isArray()) {
            throw at.bad(at.shown() + " is not a list of endpoints (each a mapping with name, url and secret)");
        }
        List<Config.Webhook> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < at.node().size(); i++) {
            At w = at.item(i);
            if (w.absent() || !w.node().isObject()) {
                throw w.bad((w.absent() ? "is empty" : w.shown() + " is not a mapping") + "; each webhook needs name, url and secret");
            }
            mapping(w, "webhooks[]");
            var def = Config.Webhook.of("", "", "");
            At nameAt = w.get("name");
            String name = required(nameAt, "each webhook needs a name");
            if (!WEBHOOK_NAME.matcher(name).matches()) {
                throw nameAt.bad(nameAt.shown() + " is not a webhook name (expected 1-64 letters, digits, '.', '_' or '-')");
            }
            Integer other = seen.putIfAbsent(name, i);
            if (other != null) throw nameAt.bad(nameAt.shown() + " is already the name of webhooks[" + other + "]; names must be unique");
            String url = webhookUrl(w.get("url"));
            List<String> secrets = secrets(w.get("secret"));
            List<String> types = eventTypes(w.get("types"));
            Duration timeout = duration(w.get("timeout"), def.timeout());
            int concurrency = (int) integer(w.get("concurrency"), def.concurrency(), 1, 1024, null);
            Duration backoffInitial = duration(w.get("backoff_initial"), def.backoffInitial());
            Duration backoffMax = duration(w.get("backoff_max"), def.backoffMax());
            if (backoffMax.compareTo(backoffInitial) < 0) {
                throw w.get("backoff_max").bad("\"" + Durations.format(backoffMax) + "\" is shorter than backoff_initial \""
                        + Durations.format(backoffInitial) + "\"");
            }
            Duration maxAge = duration(w.get("max_age"), def.maxAge());
            out.add(new Config.Webhook(name, url, secrets.getFirst(), types, timeout, concurrency, backoffInitial, backoffMax,
                    maxAge, secrets));
        }
        return out;
    }

    /**
     * A webhook's signing keys: one string, or a list of them while a key is rotated (each request is then
     * signed with every key). Each is {@code whsec_} and base64 (the prefix may be left out), as Standard
     * Webhooks writes them.
     */
    private static List<String> secrets(At at) {
        String what = "each webhook needs a secret (its Standard Webhooks signing key)";
        List<String> out = new ArrayList<>();
        if (!at.absent() && at.node().isArray()) {
            if (at.node().isEmpty()) throw at.bad("is empty; " + what + ", or a list of them while a key is rotated");
            for (int i = 0; i < at.node().size(); i++) out.add(secret(at.item(i), what));
        } else {
            out.add(secret(at, what));
        }
        return out;
    }

    private static String secret(At at, String what) {
        String text = required(at, what);
        String key = text.startsWith("whsec_") ? text.substring("whsec_".length()) : text;
        boolean ok;
        try {
            ok = Base64.getDecoder().decode(key).length > 0;
        } catch (IllegalArgumentException e) {
            ok = false;
        }
        if (!ok) throw at.bad("is not a signing key (expected \"whsec_\" and base64, e.g. \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\")");
        return text;
    }

    private static String webhookUrl(At at) {
        String text = required(at, "each webhook needs a url (http:// or https://)");
        String expected = " (expected an http:// or https:// URL such as \"https://hooks.example.com/bounces\")";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw at.bad(at.shown() + " is not a URL: " + e.getReason() + expected);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) throw at.bad(at.shown() + " is not http or https" + expected);
        if (uri.getHost() == null || uri.getHost().isEmpty()) throw at.bad(at.shown() + " has no host" + expected);
        return text;
    }

    private static List<String> eventTypes(At at) {
        List<String> types = strings(at, Config.Webhook.ALL_TYPES);
        if (types.isEmpty()) throw at.bad("is empty; list at least one event type, or leave types out for all");
        for (int i = 0; i < types.size(); i++) {
            if (!Config.Webhook.ALL_TYPES.contains(types.get(i))) {
                At item = at.item(i);
                throw item.bad(item.shown() + " is not an event type (expected one of " + String.join(", ", Config.Webhook.ALL_TYPES) + ")");
            }
        }
        return List.copyOf(new LinkedHashSet<>(types));
    }

    // ---- small helpers ----

    /** A value as the message shows it: JSON-ish, at most 80 characters. */
    static String shown(JsonNode node) {
        if (node == null || node.isMissingNode()) return "nothing";
        String s = node.toString();
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Levenshtein distance, for "did you mean" on short key names. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
