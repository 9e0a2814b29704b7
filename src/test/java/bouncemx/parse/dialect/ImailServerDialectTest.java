package bouncemx.parse.dialect;

import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImailServerDialectTest {
    private final ImailServerDialect dialect = new ImailServerDialect();

    @Test
    void decodesEveryRecipientOfImailReportsInTheCorpus() {
        DialectChecks.corpusFamily("lhost-imailserver", "imailserver", 0.97);
    }

    @Test
    void readsItsOwnFixture() {
        var r = DialectChecks.decode(dialect, "/dialects/imailserver/response.eml");
        assertEquals(2, r.size());
        assertEquals("bob@imail-test.example", r.get(0).address());
        assertEquals("Unknown user", r.get(0).diagnosticText());
        assertEquals(Reason.USER_UNKNOWN, r.get(0).reasonHint());
        assertEquals("carol@rcpt-test.example", r.get(1).address());
        assertEquals("550 Message rejected because of its content", r.get(1).diagnosticText());
        assertEquals("550", r.get(1).replyCode());
    }

    /** A label that names the sender or a Message-ID ("Original sender: <a@b>", "Reference: message <id>") is no recipient line. */
    @Test
    void aSenderOrMessageIdLabelIsNoRecipientLine() throws Exception {
        byte[] fixture = DialectChecks.class.getResourceAsStream("/dialects/imailserver/response.eml").readAllBytes();
        String raw = new String(fixture, java.nio.charset.StandardCharsets.US_ASCII).replace("Unknown user: bob@",
                "Original sender: <news@sender-test.example>\nReference: message <20261203.77@mail.sender-test.example>\nUnknown user: bob@");
        var r = dialect.parse(bouncemx.parse.BounceMessage.parse(raw.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        var rs = org.junit.jupiter.api.Assertions.assertInstanceOf(bouncemx.parse.ParseResult.Decoded.class, r).report().recipients();
        assertEquals(java.util.List.of("bob@imail-test.example", "carol@rcpt-test.example"),
                rs.stream().map(bouncemx.parse.RecipientStatus::address).toList());
    }

    @Test
    void leavesOtherMessagesAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
