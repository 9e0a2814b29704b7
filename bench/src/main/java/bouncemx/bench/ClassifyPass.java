package bouncemx.bench;

import bouncemx.classify.Classifier;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Decoder;
import bouncemx.parse.Dialect;
import bouncemx.parse.Dialects;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One build's classifier over the corpus's recipients, decoded once when made: {@link #getAsLong} is one pass
 * of {@code Classifier.classify} alone over all of them (the sum of the rules' hashes, so that the work is used
 * and two builds can be seen to answer alike). With the system property {@code bouncemx.bench.stage=engine} a
 * pass is the whole engine instead, as JMH's {@code parseClassify} runs it: every message read from its bytes,
 * decoded and its recipients classified. {@link ClassifyAB} loads one per build, each in its own class
 * loader. The corpus directory is the system property {@code bouncemx.bench.eml}.
 */
public final class ClassifyPass implements LongSupplier {
    private final RecipientStatus[] recipients;
    private final Report.Kind[] kinds;
    private final Classifier classifier = Classifier.standard();
    private final Decoder decoder = Dialects.standardDecoder();
    private final boolean engine = "engine".equals(System.getProperty("bouncemx.bench.stage"));
    private final List<byte[]> raw = new ArrayList<>();

    public ClassifyPass() throws Exception {
        List<RecipientStatus> rs = new ArrayList<>();
        List<Report.Kind> ks = new ArrayList<>();
        try (var files = Files.list(Path.of(System.getProperty("bouncemx.bench.eml")))) {
            for (Path p : files.sorted().toList()) {
                raw.add(Files.readAllBytes(p));
                BounceMessage m = BounceMessage.parse(raw.getLast());
                for (Dialect d : decoder.order().candidates(m)) {
                    if (d.parse(m) instanceof ParseResult.Decoded decoded) {
                        for (RecipientStatus r : decoded.report().recipients()) {
                            rs.add(r);
                            ks.add(decoded.report().kind());
                        }
                        break;
                    }
                }
            }
        }
        recipients = rs.toArray(new RecipientStatus[0]);
        kinds = ks.toArray(new Report.Kind[0]);
    }

    @Override
    public long getAsLong() {
        long sum = 0;
        if (engine) {
            for (byte[] message : raw) {
                if (decoder.decode(BounceMessage.parse(message)) instanceof ParseResult.Decoded d) {
                    for (RecipientStatus r : d.report().recipients()) sum += classifier.classify(r, d.report().kind()).rule().hashCode();
                }
            }
            return sum;
        }
        for (int i = 0; i < recipients.length; i++) sum += classifier.classify(recipients[i], kinds[i]).rule().hashCode();
        return sum;
    }
}
