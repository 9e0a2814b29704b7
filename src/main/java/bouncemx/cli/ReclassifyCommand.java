package bouncemx.cli;

import bouncemx.classify.Classifier;
import bouncemx.config.Config;
import bouncemx.event.Event;
import bouncemx.event.EventFactory;
import bouncemx.event.EventJson;
import bouncemx.journal.AppendSpool;
import bouncemx.journal.FileJournal;
import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import bouncemx.journal.Storage;
import bouncemx.parse.Decoder;
import bouncemx.parse.Dialects;
import bouncemx.parse.Limits;
import bouncemx.parse.Originals;
import bouncemx.pipeline.JournalEntry;
import bouncemx.reason.Reason;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bouncemx reclassify [--data DIR] [--from SEQ] [--to SEQ] [--dry-run]}: re-decodes the raw messages
 * kept in the journal with today's rules and, for each event whose verdict changed (type, reason, hard,
 * recipient address), appends a revision: the new event with id {@code ROOT.rN}, {@code data.revision} N and
 * {@code data.supersedes} (the id it replaces: the original's id for N = 1, else {@code ROOT.r(N-1)}).
 * The verdict compared is the latest revision's, so running it twice appends nothing the second time.
 * A message that now yields more events than it did gets the extra ones as revision 1 without
 * {@code supersedes}; one that yields fewer keeps its old events (counted as "dropped" in the summary,
 * nothing appended). Events are matched by their position within the message.
 *
 * <p>Revisions go into the journal through the journal's own writer ({@link FileJournal}, durable, fsync'd),
 * one record per original message holding its revised events, with the original's message id, arrival time
 * and envelope and an empty raw message (the raw stays in the original record; reclassify skips revision
 * records when re-decoding). Webhook senders and other consumers read them like any record.
 *
 * <p>Safe while the daemon runs. The daemon holds the journal's writer lock (journal/LOCK), so a second
 * process cannot append itself: when the lock is taken, reclassify reads the committed records (as journal
 * dump does), writes its revision records to a durable spool file ({@link AppendSpool}) and waits up to
 * {@code --wait} seconds for the daemon, which drains the spool about once a second, to append them through
 * its own writer. When the daemon is not running, reclassify opens the journal's writer itself (with an
 * unlimited retention, so that it never deletes segments: retention stays the daemon's job).
 * {@code --dry-run} only reads. Two reclassify runs at once may both append the same revision (same id);
 * consumers de-duplicate by id. Prints a summary: counts, then one line per verdict change
 * "COUNT  OLD_TYPE/OLD_REASON -> NEW_TYPE/NEW_REASON" by count. Exit status: 0 ok; 2 bad usage or no
 * journal; 1 a record could not be read, an append failed, or the daemon did not append the spooled
 * revisions within --wait (they stay queued and are appended when it runs).
 */
@Command(name = "reclassify", mixinStandardHelpOptions = true,
        description = "Re-decode the journal's raw messages with today's rules; append revised events for changed verdicts.")
final class ReclassifyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REVISION_ID = Pattern.compile("^(.*)\\.r([0-9]+)$");
    /** Appends in flight at once: below FileJournal's default queue capacity, so none is refused. */
    private static final int WINDOW = 256;
    /**
     * Records handed to a worker at once, and the payload bytes after which a batch is closed early, as classify
     * batches: the window (two batches per worker) holds at most 2 x jobs x (1 MiB + one record) of journal data.
     */
    private static final int BATCH_RECORDS = ClassifyCommand.BATCH_MESSAGES;
    private static final long BATCH_BYTES = ClassifyCommand.BATCH_BYTES;
    /** Long enough that opening the journal here never deletes a segment. */
    private static final Duration KEEP_ALL = Duration.ofDays(365L * 10_000);

    @Option(names = "--data", paramLabel = "DIR", description = "the data directory (default: ./data); the journal is DIR/journal")
    Path data = Path.of("./data");

    @Option(names = "--from", paramLabel = "SEQ", description = "first journal sequence number to re-decode (default: 1)")
    long from = 1;

    @Option(names = "--to", paramLabel = "SEQ", description = "last journal sequence number to re-decode (default: the last)")
    long to = Long.MAX_VALUE;

    @Option(names = "--wait", paramLabel = "SECONDS", description = "while the daemon runs: how long to wait for it to append the revisions (default: 30)")
    long waitSeconds = 30;

    @Option(names = "--jobs", paramLabel = "N", description = "messages re-decoded in parallel (default: the number of cores)")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--dry-run", description = "print the summary only; change nothing (safe while the daemon runs)")
    boolean dryRun;

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    ReclassifyCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** What decides whether an event changed. */
    record Verdict(String type, String reason, boolean hard, String recipient) {
        static Verdict of(Event e) {
            var c = e.classification();
            return new Verdict(e.type(), (c == null ? Reason.UNDEFINED : c.reason()).wireName(), c != null && c.hard(),
                    e.recipientAddress());
        }

        String label() {
            return type + "/" + reason;
        }
    }

    /** The newest version of one event: its id, revision number (0 for the original) and verdict. */
    record Latest(String id, int revision, Verdict verdict) {}

    /**
     * What reclassify reads of a journaled event: {@code data.id}, whether it has {@code data.revision}, and
     * its verdict (type, {@code data.classification.reason} and {@code .hard}, {@code data.recipient.address};
     * "", "undefined", false and "" when absent). Read with a streaming parser, not a tree: every event of the
     * range is read once, and a tree per event was a tenth of a run. In an event whose bytes hold no
     * {@code "revision":} the reading stops once it has the rest: when "type", then "data" with "id", "recipient"
     * and "classification" have been read, as {@link EventJson} writes them ahead of the diagnostics, the
     * original's headers and the rest, which were two thirds of the parsing. A key repeated after that point is
     * not seen (our writer writes each once).
     */
    record Journaled(String id, boolean revision, Verdict verdict) {
        static Journaled read(byte[] json) throws IOException {
            String type = "", id = "", reason = Reason.UNDEFINED.wireName(), address = "";
            boolean hard = false, revision = false;
            boolean typeRead = false, stopEarly = !mayHoldRevision(json);
            int dataRead = 0; // bits: 1 id, 2 recipient, 4 classification
            try (JsonParser p = JSON.getFactory().createParser(json)) {
                JsonToken top = p.nextToken();
                if (top == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken t = p.nextToken();
                        if (field.equals("type")) {
                            type = text(p, t, "");
                            typeRead = true;
                        } else if (field.equals("data") && t == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                if (stopEarly && typeRead && dataRead == 7) { // all read: the rest is not parsed
                                    return new Journaled(id, revision, new Verdict(type, reason, hard, address));
                                }
                                String name = p.currentName();
                                JsonToken v = p.nextToken();
                                switch (name) {
                                    case "id" -> {
                                        id = text(p, v, "");
                                        dataRead |= 1;
                                    }
                                    case "revision" -> {
                                        revision = true;
                                        p.skipChildren();
                                    }
                                    case "classification", "recipient" -> {
                                        dataRead |= name.equals("recipient") ? 2 : 4;
                                        if (v != JsonToken.START_OBJECT) {
                                            p.skipChildren();
                                            break;
                                        }
                                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                                            String inner = p.currentName();
                                            JsonToken w = p.nextToken();
                                            if (name.equals("classification") && inner.equals("reason")) reason = text(p, w, Reason.UNDEFINED.wireName());
                                            else if (name.equals("classification") && inner.equals("hard")) hard = bool(p, w);
                                            else if (name.equals("recipient") && inner.equals("address")) address = text(p, w, "");
                                            else p.skipChildren();
                                        }
                                    }
                                    default -> p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                } else if (top != null) {
                    p.skipChildren();
                }
            }
            return new Journaled(id, revision, new Verdict(type, reason, hard, address));
        }

        /** A scalar as text (as JsonNode.asText(dflt) reads it); {@code dflt} for null, an object or an array. */
        private static String text(JsonParser p, JsonToken t, String dflt) throws IOException {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                p.skipChildren();
                return dflt;
            }
            return t == JsonToken.VALUE_NULL ? dflt : p.getText();
        }

        /** As JsonNode.asBoolean(false): true, a non-zero integer, or the text "true". */
        private static boolean bool(JsonParser p, JsonToken t) throws IOException {
            return switch (t) {
                case VALUE_TRUE -> true;
                case VALUE_NUMBER_INT -> p.getLongValue() != 0;
                case VALUE_STRING -> p.getText().trim().equals("true");
                case START_OBJECT, START_ARRAY -> {
                    p.skipChildren();
                    yield false;
                }
                default -> false;
            };
        }
    }

    /** What every event holding {@code data.revision} contains (as a key it ends in an unescaped quote). */
    private static final String REVISION_KEY = "\"revision\":";

    /**
     * Whether the event's bytes hold {@link #REVISION_KEY}. Asked of every event; the JDK's string search (vector
     * instructions under C2) over a Latin-1 copy took a fifth of the time of a byte loop of ours (~0.5 against
     * 3-4 us for an 863-byte event), the copy included.
     */
    private static boolean mayHoldRevision(byte[] event) {
        return new String(event, java.nio.charset.StandardCharsets.ISO_8859_1).contains(REVISION_KEY);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (from < 1 || to < from || waitSeconds < 0 || jobs < 1) {
            err.println("bouncemx: --from must be at least 1, --to at least --from, --wait at least 0, --jobs at least 1");
            return Main.EXIT_USAGE;
        }
        Path dir = data.resolve("journal");
        if (!Files.isDirectory(dir)) {
            err.println("bouncemx: no journal at " + dir);
            return Main.EXIT_USAGE;
        }
        FileJournal journal = null;
        boolean spool = false;
        if (!dryRun) {
            try {
                journal = new FileJournal(dir, Config.defaults().journal().segmentBytes(), KEEP_ALL, clock, Storage.files(),
                        FileJournal.Options.DEFAULT);
            } catch (FileJournal.LockedException e) {
                spool = true; // the daemon runs: it appends for us (AppendSpool)
            } catch (IOException e) {
                err.println("bouncemx: cannot open the journal: " + e.getMessage());
                return Main.EXIT_FAILURE;
            }
        }
        try {
            return reclassify(dir, journal, spool);
        } finally {
            if (journal != null) journal.close();
        }
    }

    private int reclassify(Path dir, FileJournal journal, boolean spool) throws IOException, InterruptedException {
        long last = journal == null ? Long.MAX_VALUE : journal.lastSeq();
        boolean failed = false;
        // Pass 1: the newest revision of every event (revisions always follow what they revise).
        Map<String, Latest> latest = new HashMap<>();
        try (var reader = new JournalReader(dir, from)) {
            for (Optional<JournalRecord> r = reader.next(); r.isPresent() && r.get().seq() <= last; r = reader.next()) {
                JournalEntry entry;
                try {
                    entry = JournalEntry.decodeEvents(r.get().payload()); // the raw message is not needed here
                } catch (IllegalArgumentException e) {
                    continue; // reported by pass 2
                }
                for (byte[] bytes : entry.events()) {
                    if (!mayHoldRevision(bytes)) continue; // an original's event (most of them): not parsed
                    Journaled e;
                    try {
                        e = Journaled.read(bytes);
                    } catch (IOException ex) {
                        err.println("bouncemx: journal record " + r.get().seq() + " holds an event that is not JSON");
                        failed = true;
                        break;
                    }
                    if (!e.revision()) continue;
                    Matcher m = REVISION_ID.matcher(e.id());
                    if (!m.matches()) continue;
                    int n = Integer.parseInt(m.group(2));
                    Latest old = latest.get(m.group(1));
                    if (old == null || old.revision() < n) latest.put(m.group(1), new Latest(e.id(), n, e.verdict()));
                }
            }
        }
        // Pass 2: re-decode the originals in range and compare, on a worker per core; appends in journal order.
        var limits = Limits.DEFAULT;
        var factory = new EventFactory(new Decoder(Dialects.standardOrder(limits), Originals.standard(), limits),
                Classifier.standard(), limits);
        var summary = new Summary();
        List<CompletableFuture<Long>> inFlight = new ArrayList<>();
        List<byte[]> spooled = new ArrayList<>();
        var pool = Executors.newFixedThreadPool(jobs, Thread.ofPlatform().name("reclassify-", 0).daemon().factory());
        var window = new ArrayDeque<Future<List<Outcome>>>();
        try (var reader = new JournalReader(dir, from)) {
            boolean more = true;
            while (more || !window.isEmpty()) {
                while (more && window.size() < 2 * jobs) {
                    // records go to the workers in batches: a task and a wake-up per record were ~4% of a run
                    List<JournalRecord> batch = new ArrayList<>(BATCH_RECORDS);
                    long bytes = 0;
                    while (batch.size() < BATCH_RECORDS && bytes < BATCH_BYTES) {
                        Optional<JournalRecord> r = reader.next();
                        if (r.isEmpty() || r.get().seq() > Math.min(to, last)) {
                            more = false;
                            break;
                        }
                        batch.add(r.get());
                        bytes += r.get().payload().length;
                    }
                    if (batch.isEmpty()) break;
                    window.add(pool.submit(() -> {
                        List<Outcome> outcomes = new ArrayList<>(batch.size());
                        for (JournalRecord rec : batch) outcomes.add(reclassify(rec, factory, latest));
                        return outcomes;
                    }));
                }
                if (window.isEmpty()) break;
                List<Outcome> outcomes;
                try {
                    outcomes = window.poll().get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("reclassify failed", e.getCause());
                }
                for (Outcome o : outcomes) {
                    if (o.error() != null) {
                        err.println(o.error());
                        failed = true;
                        continue;
                    }
                    if (o.skipped()) continue;
                    summary.add(o);
                    if (o.payload() == null || dryRun) continue;
                    summary.records++;
                    if (spool) {
                        spooled.add(o.payload());
                        continue;
                    }
                    inFlight.add(journal.append(o.payload()));
                    if (inFlight.size() >= WINDOW) failed |= !await(inFlight);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (journal != null) failed |= !await(inFlight);
        summary.print(out, dryRun);
        if (spool && !spooled.isEmpty()) failed |= !handOver(dir, spooled);
        return failed ? Main.EXIT_FAILURE : Main.EXIT_OK;
    }

    /**
     * Leaves the revision records to the daemon in a spool file and waits up to --wait for it to append them
     * (the daemon drains the spool about once a second); false, with one line on stderr, when it has not.
     */
    private boolean handOver(Path dir, List<byte[]> payloads) throws IOException, InterruptedException {
        String name = "reclassify-" + clock.millis() + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path file = AppendSpool.write(dir, name, payloads);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        while (Files.exists(file)) {
            if (System.nanoTime() - deadline >= 0) {
                err.println("bouncemx: the journal is open in another writer (the daemon?); " + payloads.size()
                        + " revision record(s) are queued in " + file + " but were not appended within " + waitSeconds
                        + " s; the daemon appends them when it runs");
                return false;
            }
            Thread.sleep(50);
        }
        out.println("appended by the running daemon: " + payloads.size() + " revision record(s)");
        return true;
    }

    /**
     * What re-decoding one record gave: a line for stderr when it could not be read; skipped for a revision
     * record; else counts, the verdict changes and the revision record to append (null when none changed).
     */
    record Outcome(String error, boolean skipped, int events, int dropped, List<String[]> changes, byte[] payload) {
        static Outcome failed(String error) {
            return new Outcome(error, false, 0, 0, List.of(), null);
        }
    }

    /** Re-decodes one record and compares each event with its latest version. Runs on a worker thread. */
    private Outcome reclassify(JournalRecord record, EventFactory factory, Map<String, Latest> latest) throws IOException {
        JournalEntry entry;
        try {
            entry = JournalEntry.decode(record.payload());
        } catch (IllegalArgumentException e) {
            return Outcome.failed("bouncemx: journal record " + record.seq() + " is not a journal entry: " + e.getMessage());
        }
        if (entry.raw().length == 0) return new Outcome(null, true, 0, 0, List.of(), null); // a revision record
        List<Journaled> old = events(entry);
        if (old == null) return Outcome.failed("bouncemx: journal record " + record.seq() + " holds an event that is not JSON");
        Instant now = clock.instant();
        // ids and digest only when an event is revised or new (most records: none), as EventJson below
        List<Event> fresh = factory.unidentifiedEvents(entry.raw(), entry.envelope(), entry.receivedAt(), now);
        boolean identified = false;
        List<byte[]> revised = new ArrayList<>();
        List<String[]> changes = new ArrayList<>();
        EventJson json = null; // made only when an event changed (most records: none), its set-up is not free
        for (int i = 0; i < fresh.size(); i++) {
            Verdict nv = Verdict.of(fresh.get(i));
            Latest before = null;
            String root = null;
            if (i < old.size()) { // the journaled event's newest version
                root = old.get(i).id();
                before = latest.get(root);
                if (before == null) before = new Latest(root, 0, old.get(i).verdict());
                if (before.verdict().equals(nv)) continue;
            }
            if (!identified) {
                fresh = EventFactory.identified(fresh, entry.raw(), entry.envelope());
                identified = true;
            }
            if (root == null) { // an event the message did not have: a revision already made of it, if any
                root = fresh.get(i).id();
                before = latest.get(root);
                if (before != null && before.verdict().equals(nv)) continue;
            }
            int n = before == null ? 1 : before.revision() + 1;
            if (json == null) json = new EventJson();
            JsonNode next = JSON.readTree(json.toJson(fresh.get(i), null));
            revised.add(JSON.writeValueAsBytes(revision(next, root + ".r" + n, n, before == null ? null : before.id())));
            changes.add(new String[]{before == null ? "(none)" : before.verdict().label(), nv.label()});
        }
        byte[] payload = revised.isEmpty() ? null
                : new JournalEntry(entry.messageId(), entry.receivedAt(), entry.envelope(), new byte[0], revised).encode();
        return new Outcome(null, false, fresh.size(), Math.max(0, old.size() - fresh.size()), changes, payload);
    }

    /** The new event with its revision id, {@code revision} and {@code supersedes} right after "id". */
    private static ObjectNode revision(JsonNode event, String id, int n, String supersedes) {
        ObjectNode copy = ((ObjectNode) event).deepCopy();
        ObjectNode data = JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> it = event.path("data").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("id")) {
                data.put("id", id);
                data.put("revision", n);
                if (supersedes != null) data.put("supersedes", supersedes);
            } else {
                data.set(f.getKey(), f.getValue());
            }
        }
        copy.set("data", data);
        return copy;
    }

    private boolean await(List<CompletableFuture<Long>> inFlight) throws InterruptedException {
        boolean ok = true;
        for (CompletableFuture<Long> f : inFlight) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (ok) err.println("bouncemx: append failed: " + e.getCause().getMessage());
                ok = false;
            }
        }
        inFlight.clear();
        return ok;
    }

    /** What is read of each of the entry's events; null when one is not JSON. */
    private static List<Journaled> events(JournalEntry entry) {
        List<Journaled> out = new ArrayList<>(entry.events().size());
        for (byte[] e : entry.events()) {
            try {
                out.add(Journaled.read(e));
            } catch (IOException ex) {
                return null;
            }
        }
        return out;
    }

    /** Counts for the summary. */
    private static final class Summary {
        long messages, events, records, dropped;
        final Map<String, Integer> changes = new TreeMap<>();

        void add(Outcome o) {
            messages++;
            events += o.events();
            dropped += o.dropped();
            for (String[] c : o.changes()) changes.merge(c[0] + " -> " + c[1], 1, Integer::sum);
        }

        void print(PrintStream out, boolean dryRun) {
            int changed = changes.values().stream().mapToInt(Integer::intValue).sum();
            out.println((dryRun ? "dry run: " : "") + "messages " + messages + ", events " + events + ", changed "
                    + changed + ", dropped " + dropped + (dryRun ? ", nothing appended" : ", revision records appended " + records));
            changes.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> out.printf("%8d  %s%n", e.getValue(), e.getKey()));
        }
    }
}
