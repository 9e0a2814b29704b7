package bouncemx.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's files in conf/: the Grafana dashboard is importable JSON whose every panel queries something,
 * the alert rules are well formed (and pass {@code promtool check rules} where promtool is installed), and the
 * scrape example loads. That every metric they name is exported is MetricsIT's job (it needs the daemon).
 */
public class OperatorFilesTest {
    public static final Path DASHBOARD = Path.of("conf/grafana-dashboard.json");
    public static final Path ALERTS = Path.of("conf/prometheus-alerts.yml");
    public static final Path SCRAPE = Path.of("conf/prometheus-scrape.yml");
    private static final Pattern NAME = Pattern.compile("\\b((?:bouncemx|jvm|process|system)_[a-zA-Z0-9_]+)");

    /** Every PromQL expression of the dashboard's panels. */
    public static List<String> dashboardExpressions() throws IOException {
        JsonNode dash = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> out = new ArrayList<>();
        for (JsonNode panel : dash.get("panels")) {
            for (JsonNode t : panel.path("targets")) out.add(t.path("expr").asText());
        }
        return out;
    }

    /** Every expression of the alert rules. */
    public static List<String> alertExpressions() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(ALERTS.toFile());
        List<String> out = new ArrayList<>();
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) out.add(rule.path("expr").asText());
        }
        return out;
    }

    /** The metric names (bouncemx_, jvm_, process_, system_) an expression uses, as PromQL spells them. */
    public static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = NAME.matcher(expr);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    @Test
    void theDashboardIsImportableAndEveryPanelQueriesAMetric() throws IOException {
        JsonNode dash = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertEquals("DS_PROMETHEUS", dash.get("__inputs").get(0).get("name").asText());
        assertEquals("prometheus", dash.get("__inputs").get(0).get("pluginId").asText());
        int panels = 0;
        Set<Integer> ids = new LinkedHashSet<>();
        for (JsonNode panel : dash.get("panels")) {
            assertTrue(ids.add(panel.get("id").asInt()), "panel ids are unique: " + panel.get("id"));
            if (panel.get("type").asText().equals("row")) continue;
            panels++;
            String title = panel.get("title").asText();
            assertEquals("${DS_PROMETHEUS}", panel.get("datasource").get("uid").asText(), title);
            assertFalse(panel.path("targets").isEmpty(), "panel without targets: " + title);
            for (JsonNode t : panel.get("targets")) {
                String expr = t.path("expr").asText();
                assertFalse(expr.isBlank(), "a target without an expression in " + title);
                assertFalse(metricNames(expr).isEmpty(), "no bouncemx/JVM metric in " + title + ": " + expr);
                assertEquals(count(expr, '('), count(expr, ')'), "unbalanced parentheses in " + title + ": " + expr);
            }
        }
        assertTrue(panels >= 20, "panels: " + panels);
        String text = Files.readString(DASHBOARD, StandardCharsets.UTF_8);
        for (String topic : List.of("bouncemx_smtp_messages_total", "bouncemx_smtp_replies_total",
                "bouncemx_smtp_connections_refused_total", "bouncemx_events_total", "bouncemx_events_unclassified_total",
                "bouncemx_journal_append_seconds_bucket", "bouncemx_consumer_lag_records", "bouncemx_webhook_deliveries_total",
                "bouncemx_suppression_changes_total", "bouncemx_data_free_bytes")) {
            assertTrue(text.contains(topic), "the dashboard shows " + topic);
        }
    }

    @Test
    void everyAlertHasAnExpressionADurationASummaryAndADescription() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(ALERTS.toFile());
        int n = 0;
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                n++;
                String name = rule.path("alert").asText();
                assertFalse(name.isBlank(), "every rule is an alert: " + rule);
                assertFalse(rule.path("expr").asText().isBlank(), name);
                assertTrue(rule.path("for").asText().matches("[0-9]+[smh]"), name + " for: " + rule.path("for"));
                assertFalse(rule.path("annotations").path("summary").asText().isBlank(), name);
                assertFalse(rule.path("annotations").path("description").asText().isBlank(), name);
                assertTrue(Set.of("warning", "critical").contains(rule.path("labels").path("severity").asText()), name);
            }
        }
        String text = Files.readString(ALERTS, StandardCharsets.UTF_8);
        for (String alert : List.of("BouncemxNoMailReceived", "BouncemxHigh4xxShare", "BouncemxJournalErrors",
                "BouncemxDiskBelowReserve", "BouncemxWebhookLagging", "BouncemxWebhookDeadLetters",
                "BouncemxWebhookEndpointDisabled", "BouncemxUnclassifiedShareHigh", "BouncemxComplaintShareHigh")) {
            assertTrue(text.contains("alert: " + alert), alert);
        }
        assertTrue(n >= 9, "rules: " + n);
    }

    @Test
    void promtoolAcceptsTheRulesAndTheScrapeExample(@TempDir Path tmp) throws Exception {
        Path promtool = onPath("promtool");
        Assumptions.assumeTrue(promtool != null,
                "promtool is not on PATH (Debian package prometheus; .ci/run installs it where it can): rules not checked by promtool");
        run(promtool.toString(), "check", "rules", ALERTS.toString());
        // the scrape example names its rules file relative to itself
        Files.copy(SCRAPE, tmp.resolve("prometheus.yml"));
        Files.copy(ALERTS, tmp.resolve("bouncemx-alerts.yml"));
        run(promtool.toString(), "check", "config", tmp.resolve("prometheus.yml").toString());
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readNBytes(1 << 20), StandardCharsets.UTF_8);
        if (!ended) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish in 60 s: " + out);
        }
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
    }

    static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }
}
