package bouncemx.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Loads labels.jsonl once per call; rows in file order. */
public final class Labels {
    private final List<Label> rows;

    private Labels(List<Label> rows) { this.rows = List.copyOf(rows); }

    public static Labels load() {
        var mapper = new ObjectMapper();
        List<Label> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Corpus.dir().resolve("labels.jsonl"))) {
                if (line.isBlank()) continue;
                JsonNode n = mapper.readTree(line);
                rows.add(new Label(n.path("file").asText(), n.path("index").asInt(), n.path("status").asText(""),
                        n.path("replycode").asText(""), n.path("reason").asText(""), n.path("hardbounce").asBoolean(),
                        n.path("feedbacktype").asText(""), n.path("recipient").asText(""),
                        n.path("bounce").asBoolean(true), n.path("source").asText("")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Labels(rows);
    }

    public List<Label> all() { return rows; }

    public List<Label> forPrefix(String prefix) {
        return rows.stream().filter(r -> r.file().startsWith(prefix)).toList();
    }

    public List<Label> forFile(String file) {
        return rows.stream().filter(r -> r.file().equals(file)).toList();
    }
}
