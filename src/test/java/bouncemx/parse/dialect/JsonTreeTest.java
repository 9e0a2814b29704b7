package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTreeTest {

    @Test
    void readsNestedMembersArraysAndScalars() {
        JsonTree t = JsonTree.parseObject("{\"a\":{\"b\":[\"x\",{\"c\":1.5}],\"n\":42,\"t\":true,\"z\":null}}");
        assertNotNull(t);
        assertEquals(2, t.path("a").path("b").items().size());
        assertEquals("x", t.path("a").path("b").items().get(0).text(""));
        assertEquals("1.5", t.path("a").path("b").items().get(1).path("c").text(""));
        assertEquals("42", t.path("a").path("n").text(""));
        assertEquals("true", t.path("a").path("t").text(""));
        assertEquals("dflt", t.path("a").path("z").text("dflt"));
        assertTrue(t.path("a").path("b").items().get(0).isText());
        assertFalse(t.path("a").path("n").isText());
    }

    @Test
    void missingMembersChainToAbsent() {
        JsonTree t = JsonTree.parseObject("{\"a\":\"s\"}");
        assertEquals("", t.path("nope").path("deeper").text(""));
        assertTrue(t.path("a").path("x").items().isEmpty());
        assertTrue(t.path("a").items().isEmpty());
    }

    @Test
    void rejectsWhatIsNotOneObject() {
        assertNull(JsonTree.parseObject("[1,2]"));
        assertNull(JsonTree.parseObject("{\"a\":"));
        assertNull(JsonTree.parseObject("{\"a\":1} trailing"));
        assertNull(JsonTree.parseObject("not json"));
        assertNull(JsonTree.parseObject("{\"a\":[1,2}"));
        assertNull(JsonTree.parseObject("{" + "\"a\":[".repeat(500) + "]".repeat(500) + "}"));
    }
}
