package bouncemx.testing;

/** One expected result row of ../shared/corpus/labels.jsonl (see the corpus README for the fields). */
public record Label(String file, int index, String status, String replyCode, String reason, boolean hard,
                    String feedbackType, String recipient, boolean bounce, String source) {

    /** True when the label's status is a code a message can carry (not a Sisimai x.x.9xx pseudo code, not ""). */
    public boolean realStatus() {
        if (status.isEmpty()) return false;
        String[] p = status.split("\\.");
        return p.length == 3 && Integer.parseInt(p[2]) < 900;
    }

    @Override
    public String toString() { return file + "#" + index; }
}
