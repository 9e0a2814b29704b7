package bouncemx.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits an mbox file into messages, for offline classification of saved mailboxes. A message starts at
 * a separator line: "From " at the start of a line followed by the envelope sender and an asctime date
 * ("From MAILER-DAEMON  Thu Jul  2 12:05:05 2020"), as mbox writers put it (the date shape keeps a body
 * line that merely begins with "From " from splitting a message). A file that does not start with such
 * a line is one message. Separator lines stay with their message (the reader skips them). Stateless.
 */
public final class Mbox {
    private Mbox() {}

    private static final Pattern SEPARATOR = Pattern.compile("From \\S+ +[A-Z][a-z]{2} [A-Z][a-z]{2} +\\d{1,2} \\d{1,2}:\\d{2}(:\\d{2})? .*");

    public static List<byte[]> split(byte[] raw) {
        if (!separatorAt(raw, 0)) return List.of(raw);
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < raw.length; i++) {
            if ((raw[i - 1] == '\n' || (raw[i - 1] == '\r' && (i >= raw.length || raw[i] != '\n'))) && separatorAt(raw, i)) {
                out.add(Arrays.copyOfRange(raw, start, i));
                start = i;
            }
        }
        out.add(Arrays.copyOfRange(raw, start, raw.length));
        return out;
    }

    private static boolean separatorAt(byte[] b, int i) {
        if (i + 5 > b.length || b[i] != 'F' || b[i + 1] != 'r' || b[i + 2] != 'o' || b[i + 3] != 'm' || b[i + 4] != ' ') return false;
        int end = ByteScan.lineEnd(b, i, Math.min(b.length, i + 200));
        return SEPARATOR.matcher(new String(b, i, end - i, StandardCharsets.ISO_8859_1)).matches();
    }
}
