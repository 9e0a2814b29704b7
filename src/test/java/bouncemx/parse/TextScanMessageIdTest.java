package bouncemx.parse;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TextScan#namesAMessageIdFirst}: a line's first address is a Message-ID the line names a message by. */
class TextScanMessageIdTest {

    @Test
    void aMessageNamedByItsId() {
        assertTrue(TextScan.namesAMessageIdFirst("your message <20261203.4711@mail.example> of thursday is returned"));
        assertTrue(TextScan.namesAMessageIdFirst("reference: message <caf7x9=ab@mail.example>"));
        assertTrue(TextScan.namesAMessageIdFirst("msg <1.2@h.example> to <a@b.example> failed"));
    }

    @Test
    void aMailboxIsNot() {
        assertFalse(TextScan.namesAMessageIdFirst("your message to <a@b.example> could not be delivered"));
        assertFalse(TextScan.namesAMessageIdFirst("<a@b.example>: message <1.2@h.example> refused"));   // the mailbox comes first
        assertFalse(TextScan.namesAMessageIdFirst("message could not be delivered to a@b.example"));
    }
}
