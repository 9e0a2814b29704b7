package bouncemx.bench;

import bouncemx.classify.Classifier;
import bouncemx.event.Event;
import bouncemx.event.EventFactory;
import bouncemx.event.EventJson;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Decoder;
import bouncemx.parse.Dialects;
import bouncemx.parse.Limits;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One thread decoding and classifying the whole shared corpus. One benchmark operation is one
 * message: {@link #OPS} is the corpus size, so JMH's ops/s are messages/s.
 * <ul>
 *   <li>{@code parseClassify}: read the bytes, run the dialects, classify every recipient (the engine);</li>
 *   <li>{@code eventsJson}: all of that plus event building (SHA-256 of the raw message, VERP, ids) and
 *       JSON serialisation, i.e. what `bouncemx classify` does per message minus file I/O.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecodeBenchmark {
    /** Number of messages in the shared corpus eml/ folder; checked in setup. */
    public static final int OPS = 447;

    private List<byte[]> messages;
    private Decoder decoder;
    private Classifier classifier;
    private EventFactory factory;
    private EventJson json;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Setup
    public void setup() {
        messages = CorpusMessages.load();
        if (messages.size() != OPS) throw new IllegalStateException("corpus has " + messages.size() + " messages, benchmark expects " + OPS);
        decoder = Dialects.standardDecoder();
        classifier = Classifier.standard();
        factory = new EventFactory(decoder, classifier, Limits.DEFAULT);
        json = new EventJson();
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void parseClassify(Blackhole bh) {
        for (byte[] raw : messages) {
            ParseResult r = decoder.decode(BounceMessage.parse(raw));
            if (r instanceof ParseResult.Decoded d) {
                for (RecipientStatus rs : d.report().recipients()) bh.consume(classifier.classify(rs, d.report().kind()));
            } else {
                bh.consume(r);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void eventsJson(Blackhole bh) {
        OutputStream sink = OutputStream.nullOutputStream();
        for (byte[] raw : messages) {
            for (Event e : factory.events(raw, null, T0, T0, null, null)) json.write(e, "x", sink);
        }
        bh.consume(sink);
    }
}
