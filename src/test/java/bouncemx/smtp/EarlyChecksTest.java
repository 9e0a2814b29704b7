package bouncemx.smtp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules and parsers of the SMTP edge, without sockets. */
class EarlyChecksTest {

    @Test
    void domainPolicyMatchesExactNamesSubdomainsAndAny() {
        var p = new RecipientDomainPolicy(List.of("bounce.example.com", "*.mail.example.org"));
        assertTrue(p.accepts("bounce.example.com"));
        assertTrue(p.accepts("Bounce.Example.COM."));
        assertTrue(p.accepts("a.mail.example.org"));
        assertTrue(p.accepts("b.a.mail.example.org"));
        assertFalse(p.accepts("mail.example.org"));
        assertFalse(p.accepts("xmail.example.org"));
        assertFalse(p.accepts("example.com"));
        assertFalse(p.accepts("a.bounce.example.com"));
        assertFalse(p.accepts(""));
        assertTrue(new RecipientDomainPolicy(List.of("*")).accepts("anything.example"));
        assertFalse(new RecipientDomainPolicy(List.of()).accepts("anything.example"));
        assertThrows(IllegalArgumentException.class, () -> new RecipientDomainPolicy(List.of("a*.example")));
    }

    @Test
    void sizeLimitChecksDeclaredSizes() {
        var limit = new MessageSizeLimit(1000);
        assertNull(limit.checkDeclared("1000"));
        assertEquals(SmtpReply.TOO_BIG, limit.checkDeclared("1001"));
        assertEquals(SmtpReply.TOO_BIG, limit.checkDeclared("123456789012345678901234567890"));
        assertEquals(SmtpReply.SIZE_SYNTAX, limit.checkDeclared("-1"));
        assertEquals(SmtpReply.SIZE_SYNTAX, limit.checkDeclared(""));
        var none = new MessageSizeLimit(0);
        assertNull(none.checkDeclared("99999999999999999999999"), "no limit: any size is fine");
    }

    @Test
    void pathArgumentsAreParsedLeniently() {
        assertEquals(new PathArgs("", Map.of()), PathArgs.parse("MAIL FROM:<>", "FROM:"));
        assertEquals(new PathArgs("a@b.example", Map.of("SIZE", "10", "SMTPUTF8", "")),
                PathArgs.parse("MAIL FROM: <a@b.example> size=10 SMTPUTF8", "FROM:"));
        assertEquals(new PathArgs("u@c.example", Map.of()), PathArgs.parse("RCPT TO:<@a,@b:u@c.example>", "TO:"));
        assertEquals(new PathArgs("bare@x.example", Map.of()), PathArgs.parse("rcpt to:bare@x.example", "TO:"));
        assertEquals(new PathArgs("\"a>b\"@x.example", Map.of()), PathArgs.parse("RCPT TO:<\"a>b\"@x.example>", "TO:"));
        assertNull(PathArgs.parse("MAIL FROM:<a@b.example", "FROM:"));
        assertNull(PathArgs.parse("MAIL TO:<a@b.example>", "FROM:"));
        assertNull(PathArgs.parse("MAIL FROM:<a@b.example>SIZE=1", "FROM:"));
        assertNull(PathArgs.parse("MAIL FROM:<a@b.example> SIZE=1 SIZE=2", "FROM:"));
    }

    @Test
    void dataIsUnstuffedAndEndsOnlyAtCrLfDotCrLf() throws Exception {
        assertEquals("a\r\n.b\r\n\n.\nc\r\n", data("a\r\n..b\r\n\n.\nc\r\n.\r\nNEXT"));
        assertEquals("", data(".\r\n"));
        assertEquals(".\rx\r\n", data("..\rx\r\n.\r\n"));
        assertThrows(EOFException.class, () -> data("no end\r\n"));
        var in = new ByteArrayInputStream("x\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
        DataReader.read(in, new CappedBuffer(0, 0));
        assertEquals("QUIT\r\n", new String(in.readAllBytes(), StandardCharsets.US_ASCII), "never reads past the end");
    }

    @Test
    void aBufferOverItsCapKeepsCountingButHoldsNothing() {
        var b = new CappedBuffer(10, 0);
        b.append(new byte[8], 0, 8);
        assertFalse(b.overflowed());
        b.append(new byte[8], 0, 8);
        b.append('x');
        assertTrue(b.overflowed());
        assertEquals(17, b.total());
        assertThrows(IllegalStateException.class, b::bytes);
    }

    @Test
    void repliesWithoutEnhancedCodesGetOne() {
        assertEquals("500 5.5.2 Error: command not implemented", ReplyStream.withEnhancedStatus("500 Error: command not implemented"));
        assertEquals("421 4.4.2 Timeout waiting for data from client.", ReplyStream.withEnhancedStatus("421 Timeout waiting for data from client."));
        assertEquals("501 5.5.2 Input line length is too long!", ReplyStream.withEnhancedStatus("501 Input line length is too long!"));
        assertEquals("451 4.3.2 Busy", ReplyStream.withEnhancedStatus("451 4.3.2 Busy"));
        assertEquals("220 host ESMTP bouncemx", ReplyStream.withEnhancedStatus("220 host ESMTP bouncemx"));
        assertEquals("250-PIPELINING", ReplyStream.withEnhancedStatus("250-PIPELINING"));
    }

    private static String data(String wire) throws Exception {
        var buf = new CappedBuffer(0, 0);
        DataReader.read(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), buf);
        return new String(buf.bytes(), StandardCharsets.ISO_8859_1);
    }
}
