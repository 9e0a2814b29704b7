package bouncemx.scratch;

import bouncemx.classify.Classifier;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

/** Scratch: prints classifier answers for /tmp/probe.tsv (command TAB status TAB text TAB expected). */
class ProbeTest {
    @Test
    void probe() throws Exception {
        Path p = Path.of("/tmp/probe.tsv");
        if (!Files.exists(p)) return;
        var c = Classifier.standard();
        int bad = 0, all = 0;
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(p)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            var r = RecipientStatus.builder().address("a@b.example", "dsn").action("failed").status(f[1])
                    .diagnostic("smtp", f[2]).command(f[0]).remoteMta(f.length > 4 ? f[4] : "").build();
            var k = c.classify(r, Report.Kind.DELIVERY);
            all++;
            if (!k.reason().wireName().equals(f[3])) { bad++; sb.append("MISS ").append(f[3]).append(" got ").append(k.reason().wireName()).append(" [").append(k.rule()).append("] ").append(f[0]).append(" ").append(f[1]).append(" :: ").append(f[2]).append('\n'); }
        }
        Files.writeString(Path.of("/tmp/probe.out"), sb + "" + bad + "/" + all + " missed\n");
    }
}
