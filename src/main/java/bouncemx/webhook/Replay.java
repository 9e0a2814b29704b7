package bouncemx.webhook;

import bouncemx.event.JournaledEvent;
import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import bouncemx.pipeline.JournalEntry;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Sends events to one endpoint again, with their original ids, for {@code bouncemx webhook replay}: a range
 * of the journal (the endpoint's {@code types} filter applies), or the dead-letter list (a dead letter
 * leaves the list once the receiver answered 2xx). Each event gets up to {@value #ATTEMPTS} attempts with
 * the endpoint's backoff (Retry-After honoured); up to {@code concurrency} are in flight, started in journal
 * order. Works beside a running daemon: it reads the journal files and never moves the daemon's cursor.
 * One replay per instance, on the calling thread.
 */
public final class Replay {
    static final int ATTEMPTS = 3;

    /** What a replay did; {@code failures} lists one line per event that was not delivered. */
    public record Summary(int sent, int delivered, List<String> failures) {
        public Summary {
            failures = List.copyOf(failures);
        }
    }

    private final EndpointClient client;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final RetrySchedule schedule;
    private final Set<String> types;
    private final RandomGenerator random;
    private final Semaphore slots;
    private final ObjectMapper mapper = new ObjectMapper();

    /** Replays through {@code client}; retries wait on {@code timer}. */
    public Replay(EndpointClient client, Clock clock, ScheduledExecutorService timer, RandomGenerator random) {
        this.client = client;
        this.timer = timer;
        this.clock = clock;
        this.schedule = new RetrySchedule(client.endpoint().backoffInitial(), client.endpoint().backoffMax());
        this.types = Set.copyOf(client.endpoint().types());
        this.random = random;
        this.slots = new Semaphore(client.endpoint().concurrency());
    }

    /** Replays the events of records {@code from}..{@code to} (inclusive) found by {@code reader}. */
    public Summary range(JournalReader reader, long to) throws IOException, InterruptedException {
        List<CompletableFuture<String>> sends = new ArrayList<>();
        for (Optional<JournalRecord> r = reader.next(); r.isPresent() && r.get().seq() <= to; r = reader.next()) {
            List<JournaledEvent> events;
            try {
                events = JournaledEvent.of(r.get().seq(), JournalEntry.decodeEvents(r.get().payload()).events());
            } catch (IllegalArgumentException | JournaledEvent.Malformed e) {
                sends.add(CompletableFuture.completedFuture("journal record " + r.get().seq() + " is not a journal entry: " + e.getMessage()));
                continue;
            }
            for (JournaledEvent e : events) {
                if (types.contains(e.type())) sends.add(send(e.id(), e.json(), ok -> {}));
            }
        }
        return summary(sends);
    }

    /** Replays the dead-letter list; each delivered letter is removed from it. */
    public Summary deadLetters(EndpointStore store) throws IOException, InterruptedException {
        List<CompletableFuture<String>> sends = new ArrayList<>();
        for (EndpointStore.DeadLetter letter : store.deadLetters()) {
            byte[] body = Files.readAllBytes(letter.file());
            String id = mapper.readTree(body).path("data").path("id").asText("");
            sends.add(send(id, body, ok -> {
                try {
                    store.removeDeadLetter(letter);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).exceptionally(e -> id + ": delivered, but could not be removed from the dead-letter list: " + e.getMessage()));
        }
        return summary(sends);
    }

    /** Sends one event; completes with null when delivered, else with a line saying why not. */
    private CompletableFuture<String> send(String id, byte[] body, Consumer<Boolean> delivered) throws InterruptedException {
        slots.acquire();
        var done = new CompletableFuture<String>();
        attempt(id, body, 1, done);
        return done.whenComplete((why, e) -> slots.release()).thenApply(why -> {
            if (why == null) delivered.accept(true);
            return why;
        });
    }

    private void attempt(String id, byte[] body, int attempt, CompletableFuture<String> done) {
        client.post(id, body).thenAccept(answer -> {
            switch (answer.verdict(clock.instant())) {
                case Answer.Verdict.Delivered d -> done.complete(null);
                case Answer.Verdict.Gone g -> done.complete(id + ": 410 Gone");
                case Answer.Verdict.Retry r -> {
                    if (attempt >= ATTEMPTS) {
                        done.complete(id + ": " + r.why() + " (" + attempt + " attempts)");
                        return;
                    }
                    long delay = schedule.delay(attempt, r.retryAfter(), random).toNanos();
                    timer.schedule(() -> attempt(id, body, attempt + 1, done), delay, java.util.concurrent.TimeUnit.NANOSECONDS);
                }
            }
        });
    }

    private static Summary summary(List<CompletableFuture<String>> sends) {
        List<String> failures = new ArrayList<>();
        int delivered = 0;
        for (var s : sends) {
            String why = s.join();
            if (why == null) delivered++;
            else failures.add(why);
        }
        return new Summary(sends.size(), delivered, failures);
    }
}
