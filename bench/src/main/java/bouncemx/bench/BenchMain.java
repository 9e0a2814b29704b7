package bouncemx.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Collection;
import java.util.List;

/**
 * Runs the decoding benchmarks and prints the figures the project tracks: messages/s and MB/s on one
 * thread, with the machine and JDK. Extra arguments are JMH's own (e.g. -wi 1 -i 2 for a quick look).
 */
public final class BenchMain {
    public static void main(String[] args) throws Exception {
        var cli = new CommandLineOptions(args);
        var opts = new OptionsBuilder().parent(cli).include(DecodeBenchmark.class.getSimpleName()).build();
        Collection<RunResult> results = new Runner(opts).run();
        List<byte[]> corpus = CorpusMessages.load();
        double avgBytes = (double) CorpusMessages.totalBytes(corpus) / corpus.size();
        System.out.println();
        System.out.printf("machine: %d cores, %s %s; JDK %s (%s)%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
        System.out.printf("corpus: %d messages, %.0f bytes on average%n", corpus.size(), avgBytes);
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceFirst(".*\\.", "");
            double msgs = r.getPrimaryResult().getScore();
            double err = r.getPrimaryResult().getScoreError();
            System.out.printf("%-14s %,10.0f messages/s (± %,.0f)   %7.1f MB/s   one thread%n", name, msgs, err, msgs * avgBytes / 1e6);
        }
    }
}
