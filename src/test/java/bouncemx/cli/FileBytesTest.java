package bouncemx.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FileBytesTest {
    final FileBytes reader = new FileBytes();

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void readsTheFileWhoseSizeTheWalkGave(@TempDir Path dir) throws IOException {
        for (int n : new int[] {0, 1, 4095, 4096, 70_000, FileBytes.BUFFER_BYTES - 1, FileBytes.BUFFER_BYTES, FileBytes.BUFFER_BYTES + 1, 600_000}) {
            byte[] want = bytes(n, n);
            Path f = Files.write(dir.resolve("m" + n + ".eml"), want);
            assertArrayEquals(want, reader.read(f, n), "size " + n);
            assertArrayEquals(want, reader.read(f, -1), "size unknown, " + n);
        }
    }

    @Test
    void aFileThatGrewOrShrankSinceTheWalkIsReadToItsEnd(@TempDir Path dir) throws IOException {
        byte[] want = bytes(10_000, 7);
        Path f = Files.write(dir.resolve("m.eml"), want);
        assertArrayEquals(want, reader.read(f, 9_999), "grew by one byte");
        assertArrayEquals(want, reader.read(f, 5_000), "grew by half");
        assertArrayEquals(want, reader.read(f, 20_000), "shrank");
        assertArrayEquals(want, reader.read(f, 0), "was empty");
    }

    @Test
    void theBufferKeepsNoBytesOfTheFileBefore(@TempDir Path dir) throws IOException {
        Path big = Files.write(dir.resolve("a.eml"), bytes(50_000, 1));
        Path small = Files.write(dir.resolve("b.eml"), new byte[] {'x', 'y'});
        reader.read(big, 50_000);
        assertArrayEquals(new byte[] {'x', 'y'}, reader.read(small, 2));
        assertArrayEquals(new byte[] {'x', 'y'}, reader.read(small, 1));
    }

    @Test
    void aMissingFileIsAnError(@TempDir Path dir) {
        assertThrows(NoSuchFileException.class, () -> reader.read(dir.resolve("gone.eml"), 10));
    }
}
