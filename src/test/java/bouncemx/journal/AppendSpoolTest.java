package bouncemx.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppendSpoolTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void drainAppendsSpoolFilesInNameOrderAndDeletesThem(@TempDir Path dir) throws Exception {
        Path j = dir.resolve("journal");
        try (var journal = new FileJournal(j, 1 << 20, Duration.ofDays(30), 64, Clock.systemUTC(), Storage.files())) {
            Path b = AppendSpool.write(j, "b", List.of(utf8("three")));
            Path a = AppendSpool.write(j, "a", List.of(utf8("one"), utf8("two")));
            assertEquals(3, AppendSpool.drain(j, journal));
            assertFalse(Files.exists(a));
            assertFalse(Files.exists(b));
        }
        try (var reader = new JournalReader(j, 1)) {
            assertArrayEquals(utf8("one"), reader.next().orElseThrow().payload());
            assertArrayEquals(utf8("two"), reader.next().orElseThrow().payload());
            assertArrayEquals(utf8("three"), reader.next().orElseThrow().payload());
            assertTrue(reader.next().isEmpty());
        }
    }

    @Test
    void aSpoolFileThatFailsItsChecksIsSetAsideNotAppended(@TempDir Path dir) throws Exception {
        Path j = dir.resolve("journal");
        try (var journal = new FileJournal(j, 1 << 20, Duration.ofDays(30), 64, Clock.systemUTC(), Storage.files())) {
            Path f = AppendSpool.write(j, "x", List.of(utf8("payload")));
            byte[] bytes = Files.readAllBytes(f);
            bytes[bytes.length - 1] ^= 1;
            Files.write(f, bytes);
            assertEquals(0, AppendSpool.drain(j, journal));
            assertTrue(Files.exists(AppendSpool.directory(j).resolve("x.bad")));
            assertEquals(0, journal.lastSeq());
        }
    }
}
