package bouncemx.webhook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An endpoint's durable state besides its cursor ({@code data.dir/cursors/webhook-NAME}), under
 * {@code data.dir/webhooks/NAME/}:
 * <pre>
 * disabled                   present while the endpoint is disabled by a 410 Gone: one line
 *                            "FINGERPRINT\n" (of the endpoint's configuration), then a free-text reason;
 *                            removed by `webhook enable`, ignored (and removed) once the configuration changes
 * dead-letter/SEQ-INDEX.json one file per dead letter: the exact body that was sent (the event JSON);
 *                            SEQ the journal sequence number zero-padded to 20 digits, INDEX the event's
 *                            position in its record (from 0), so names sort in journal order
 * </pre>
 * Every file is written to NAME.tmp, fsync'd, renamed into place and the directory fsync'd, so a crash
 * leaves the old state or the new one. The daemon and the command line ({@code webhook replay}, {@code
 * enable}, {@code status}) may use the same directory at once: each change is one create, rename or
 * delete. Thread-safe.
 */
public final class EndpointStore {
    private static final Pattern DEAD_LETTER = Pattern.compile("(\\d{20})-(\\d{1,9})\\.json");

    /** One dead letter: where its event stood in the journal, and the file holding its body. */
    public record DeadLetter(long seq, int index, Path file) {}

    private final Path dir;
    private final Path deadLetters;

    public EndpointStore(Path dataDir, String endpoint) {
        this.dir = dataDir.resolve("webhooks").resolve(endpoint);
        this.deadLetters = dir.resolve("dead-letter");
    }

    /** The cursor name of endpoint {@code endpoint} under data.dir/cursors. */
    public static String cursorName(String endpoint) {
        return "webhook-" + endpoint;
    }

    /** The fingerprint the endpoint was disabled under, when it is disabled. */
    public Optional<String> disabledFingerprint() throws IOException {
        try {
            String text = Files.readString(dir.resolve("disabled"), StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            return Optional.of(nl < 0 ? text : text.substring(0, nl));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Durably marks the endpoint disabled for the configuration with {@code fingerprint}. */
    public void disable(String fingerprint, String reason) throws IOException {
        write(dir, "disabled", (fingerprint + "\n" + reason + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Removes the disabled mark; true when there was one. */
    public boolean enable() throws IOException {
        boolean was = Files.deleteIfExists(dir.resolve("disabled"));
        if (was) syncDirectory(dir);
        return was;
    }

    /** Durably stores the body of a dead letter (replacing an earlier copy of the same event). */
    public void addDeadLetter(long seq, int index, byte[] body) throws IOException {
        write(deadLetters, String.format("%020d-%d.json", seq, index), body);
    }

    /** The dead letters in journal order. */
    public List<DeadLetter> deadLetters() throws IOException {
        List<DeadLetter> out = new ArrayList<>();
        if (!Files.isDirectory(deadLetters)) return out;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(deadLetters, "*.json")) {
            for (Path f : files) {
                Matcher m = DEAD_LETTER.matcher(f.getFileName().toString());
                if (m.matches()) out.add(new DeadLetter(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), f));
            }
        }
        out.sort((a, b) -> a.seq() != b.seq() ? Long.compare(a.seq(), b.seq()) : Integer.compare(a.index(), b.index()));
        return out;
    }

    /** How many dead letters there are. */
    public int deadLetterCount() throws IOException {
        return deadLetters().size();
    }

    /** Removes a dead letter once it has been delivered. */
    public void removeDeadLetter(DeadLetter letter) throws IOException {
        if (Files.deleteIfExists(letter.file())) syncDirectory(deadLetters);
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Path temp = dir.resolve(name + ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        }
        Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
