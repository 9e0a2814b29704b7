package bouncemx.parse.dialect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only JSON tree for the few provider notifications that arrive as JSON (Amazon SES via SNS),
 * read with jackson-core's streaming parser. Jackson's ObjectMapper would do the same, but building one
 * costs ~50-200 ms of class loading and initialisation in every process, which `bouncemx classify`
 * paid on each start for a format few messages use. Missing members read as an absent node, so lookups
 * chain like JsonNode.path(). Immutable; thread-safe.
 */
final class JsonTree {
    private static final JsonFactory FACTORY = new JsonFactory();
    static final JsonTree MISSING = new JsonTree(null);
    /** Nesting deeper than this is not a notification: the text is rejected, not recursed into. */
    private static final int MAX_DEPTH = 64;

    private final Object value; // Map<String, JsonTree>, List<JsonTree>, String, Number, Boolean, or null

    private JsonTree(Object value) { this.value = value; }

    /** The JSON object in {@code text}, or null when it is not one JSON object. */
    static JsonTree parseObject(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            JsonTree root = read(p, 0);
            return p.nextToken() == null ? root : null;
        } catch (IOException | IllegalStateException e) { // not JSON after all: the caller says so
            return null;
        }
    }

    private static JsonTree read(JsonParser p, int depth) throws IOException {
        if (depth > MAX_DEPTH) throw new IllegalStateException("JSON nested too deep");
        JsonToken t = p.currentToken();
        if (t == null) throw new IllegalStateException("JSON ends early");
        return switch (t) {
            case START_OBJECT -> {
                Map<String, JsonTree> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, read(p, depth + 1));
                }
                yield new JsonTree(m);
            }
            case START_ARRAY -> {
                List<JsonTree> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == null) throw new IllegalStateException("JSON ends early");
                    l.add(read(p, depth + 1));
                }
                yield new JsonTree(l);
            }
            case VALUE_STRING -> new JsonTree(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new JsonTree(p.getNumberValue());
            case VALUE_TRUE -> new JsonTree(Boolean.TRUE);
            case VALUE_FALSE -> new JsonTree(Boolean.FALSE);
            case VALUE_NULL -> new JsonTree(null);
            default -> throw new IllegalStateException("unexpected JSON token " + t);
        };
    }

    /** The member {@code name} of this object, or {@link #MISSING}. */
    JsonTree path(String name) {
        if (value instanceof Map<?, ?> m && m.get(name) instanceof JsonTree child) return child;
        return MISSING;
    }

    boolean isText() { return value instanceof String; }

    /** A string's text, a number's or boolean's JSON text, else {@code otherwise}. */
    String text(String otherwise) {
        if (value instanceof String s) return s;
        if (value instanceof Number || value instanceof Boolean) return value.toString();
        return otherwise;
    }

    /** An array's elements, else none. */
    @SuppressWarnings("unchecked")
    List<JsonTree> items() {
        return value instanceof List<?> l ? (List<JsonTree>) l : List.of();
    }
}
