package bouncemx.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an mbox file (messages each starting with a "From " separator line at the start of the file or
 * after an empty line) into messages, for offline classification of saved mailboxes. A file that does not
 * start with "From " is one message. Separator lines stay with their message (the reader skips them).
 * Stateless.
 */
public final class Mbox {
    private Mbox() {}

    public static List<byte[]> split(byte[] raw) {
        if (!startsWithFrom(raw, 0)) return List.of(raw);
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < raw.length; i++) {
            // a separator follows an empty line: "\n\nFrom ", "\r\n\r\nFrom " or "\r\rFrom "
            if ((raw[i - 1] == '\n' || raw[i - 1] == '\r') && startsWithFrom(raw, i) && emptyLineBefore(raw, i)) {
                out.add(Arrays.copyOfRange(raw, start, i));
                start = i;
            }
        }
        out.add(Arrays.copyOfRange(raw, start, raw.length));
        return out;
    }

    private static boolean emptyLineBefore(byte[] b, int i) {
        int j = i - 1;
        if (b[j] == '\n' && j > 0 && b[j - 1] == '\r') j--;   // CRLF
        if (j == 0) return false;
        byte prev = b[j - 1];
        return prev == '\n' || prev == '\r';
    }

    private static boolean startsWithFrom(byte[] b, int i) {
        return i + 5 <= b.length && b[i] == 'F' && b[i + 1] == 'r' && b[i + 2] == 'o' && b[i + 3] == 'm' && b[i + 4] == ' ';
    }
}
