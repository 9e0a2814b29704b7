package bouncemx.daemon;

import bouncemx.metrics.OperatorFilesTest;
import bouncemx.metrics.PrometheusScrape;
import bouncemx.testing.DaemonProcess;
import bouncemx.testing.Samples;
import bouncemx.testing.SmtpClient;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real daemon (the packaged jar, a forked JVM, loopback) with one webhook endpoint (a local receiver that
 * answers 204), fed 500 real bounces over SMTP, each to its own recipient and many from their own sender, then
 * scraped: every metric the Grafana dashboard and the alert rules use is exported; no label value carries an
 * address or the client's IP; the number of series stays bounded; the intake metrics moved by exactly what
 * was sent; OpenMetrics is served when asked for.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MetricsIT {
    private static final int MESSAGES = 500;
    /** The whole scrape (JVM and process series included) stays under this after 500 distinct recipients. */
    private static final int MAX_SERIES = 450;
    private static final String KEY = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final List<byte[]> SAMPLES = List.of(Samples.sample("dsn-userunknown.eml"),
            Samples.sample("dsn-two-recipients-delayed.eml"), Samples.sample("arf-abuse.eml"),
            Samples.sample("auto-reply.eml"), Samples.sample("not-a-bounce.eml"), Samples.sample("dsn-success.eml"));
    /** One sample line of the text format: name, optional {labels}, value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @TempDir
    Path data;

    @Test
    void everyMetricTheDashboardAndAlertsUseIsExportedWithBoundedLabelsAfter500DistinctRecipients() throws Exception {
        var received = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/h", x -> {
            x.getRequestBody().readAllBytes();
            received.incrementAndGet();
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        receiver.start();
        String webhooks = "webhooks=[{name: main, url: \"http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/h\", secret: \"" + KEY + "\"}]";
        try (var daemon = DaemonProcess.start(data, List.of("-Xmx256m"), "smtp.domains=[bounce.example]", webhooks)) {
            Scrape before = scrape(daemon, "");
            assertEquals(0, before.value("bouncemx_smtp_messages_total", Map.of("outcome", "accepted")));

            Set<String> addresses = new LinkedHashSet<>();
            try (var c = new SmtpClient(daemon.smtp())) {
                c.expectPlain("220");
                c.send("EHLO client.example").expectPlain("250");
                for (int i = 0; i < MESSAGES; i++) {
                    String from = i % 2 == 0 ? "" : "sender" + i + "@origin" + i + ".example";
                    String rcpt = "b+user" + i + "=customer" + i + ".example@bounce.example";
                    addresses.add(rcpt);
                    if (!from.isEmpty()) addresses.add(from);
                    c.send("MAIL FROM:<" + from + ">").expect("250");
                    c.send("RCPT TO:<" + rcpt + ">").expect("250");
                    c.send("DATA").expect("354");
                    c.sendRaw(SmtpClient.dataOf(SAMPLES.get(i % SAMPLES.size())));
                    c.expect("250 2.0.0");
                }
                c.send("RCPT TO:<someone@not-ours.example>").expect("503"); // no MAIL: a bad sequence, 5xx
                c.send("MAIL FROM:<>").expect("250");
                c.send("RCPT TO:<someone@not-ours.example>").expect("550");
                c.send("QUIT").expect("221");
            }

            Scrape after = scrape(daemon, "");
            // the disk figures are read at most every DiskMeters.TTL: a fast run can scrape the empty journal's
            long until = System.nanoTime() + bouncemx.metrics.DiskMeters.TTL.multipliedBy(3).toNanos();
            while (after.value("bouncemx_journal_size_bytes", Map.of()) <= 0 && System.nanoTime() < until) {
                Thread.sleep(250);
                after = scrape(daemon, "");
            }
            // a metric moves when mail arrives, by exactly what arrived
            assertEquals(MESSAGES, after.value("bouncemx_smtp_messages_total", Map.of("outcome", "accepted")));
            assertEquals(MESSAGES, after.value("bouncemx_smtp_replies_total", Map.of("command", "message", "class", "2xx")));
            assertEquals(MESSAGES, after.value("bouncemx_journal_append_seconds_count", Map.of()), 1); // + a suppression change
            assertEquals(1, after.value("bouncemx_smtp_recipients_refused_total", Map.of("cause", "relay")));
            assertEquals(MESSAGES, after.value("bouncemx_pipeline_decode_seconds_count", Map.of()));
            assertTrue(after.sum("bouncemx_events_total") >= MESSAGES, "every message yields at least one event");
            assertTrue(after.sum("bouncemx_events_unclassified_total") > 0, "not-a-bounce.eml is unclassified");
            assertTrue(after.value("bouncemx_data_free_bytes", Map.of()) > 0);
            assertTrue(after.value("bouncemx_journal_segments", Map.of()) >= 1);
            assertTrue(after.value("bouncemx_journal_size_bytes", Map.of()) > 0);
            assertEquals(1, after.value("bouncemx_build_info", Map.of()));

            // every name the dashboard and the rules use is exported (the text format's sample names are PromQL's)
            Set<String> missing = new TreeSet<>();
            List<String> exprs = new ArrayList<>(OperatorFilesTest.dashboardExpressions());
            exprs.addAll(OperatorFilesTest.alertExpressions());
            for (String expr : exprs) {
                for (String name : OperatorFilesTest.metricNames(expr)) {
                    if (!after.names().contains(name)) missing.add(name);
                }
            }
            assertTrue(missing.isEmpty(), "used by conf/ but not exported: " + missing);

            // no address, no IP in any label; the series count is bounded
            for (Sample s : after.samples()) {
                for (Map.Entry<String, String> l : s.labels().entrySet()) {
                    String v = l.getValue();
                    if (v.contains("@") || v.contains("127.0.0.1") || v.contains(".example")) {
                        fail("label " + l.getKey() + "=\"" + v + "\" of " + s.name() + " carries an address or the client IP");
                    }
                    for (String a : addresses) assertFalse(v.contains(a), s.name());
                }
            }
            assertTrue(after.samples().size() <= MAX_SERIES, "series: " + after.samples().size());
            long bouncemx = after.samples().stream().filter(s -> s.name().startsWith("bouncemx_")).count();
            assertTrue(bouncemx <= 300, "bouncemx series: " + bouncemx);

            // OpenMetrics when the scraper asks for it
            Scrape open = scrape(daemon, "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
            assertTrue(open.contentType().startsWith("application/openmetrics-text"), open.contentType());
            assertTrue(open.body().stripTrailing().endsWith("# EOF"));
            assertEquals(MESSAGES, open.value("bouncemx_smtp_messages_total", Map.of("outcome", "accepted")));
            assertEquals(PrometheusScrape.OPENMETRICS, open.contentType());

            assertEquals(0, daemon.stop(Duration.ofSeconds(60)).exitCode());
        } finally {
            receiver.stop(0);
        }
    }

    private record Sample(String name, Map<String, String> labels, double value) {}

    private record Scrape(String contentType, String body, List<Sample> samples) {
        Set<String> names() {
            Set<String> n = new LinkedHashSet<>();
            for (Sample s : samples) n.add(s.name());
            return n;
        }

        /** The value of the one series {@code name} whose labels include {@code labels}; 0 when absent. */
        double value(String name, Map<String, String> labels) {
            double v = 0;
            int found = 0;
            for (Sample s : samples) {
                if (s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())) {
                    v = s.value();
                    found++;
                }
            }
            assertTrue(found <= 1, name + labels + " matches " + found + " series");
            return v;
        }

        double sum(String name) {
            return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
        }
    }

    private static Scrape scrape(DaemonProcess daemon, String accept) throws IOException, InterruptedException {
        var uri = URI.create("http://127.0.0.1:" + daemon.http().getPort() + "/metrics");
        try (var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            var req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
            if (!accept.isEmpty()) req.header("Accept", accept);
            var res = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, res.statusCode());
            List<Sample> samples = new ArrayList<>();
            for (String line : res.body().split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                Matcher m = SAMPLE.matcher(line);
                assertTrue(m.matches(), "not a sample line: " + line);
                Map<String, String> labels = new HashMap<>();
                if (m.group(3) != null) {
                    Matcher l = LABEL.matcher(m.group(3));
                    while (l.find()) labels.put(l.group(1), l.group(2));
                }
                String value = m.group(4);
                samples.add(new Sample(m.group(1), labels, value.equals("NaN") ? Double.NaN : Double.parseDouble(value)));
            }
            return new Scrape(res.headers().firstValue("content-type").orElse(""), res.body(), samples);
        }
    }
}
