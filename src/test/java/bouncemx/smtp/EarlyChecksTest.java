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
        assertEquals(new PathArgs("a@b.example", Map.of("BODY", "8BITMIME", "SIZE", "5")),
                PathArgs.parse("MAIL FROM:<a@b.example>   BODY=8BITMIME    SIZE=5 ", "FROM:"), "runs of spaces");
        assertNull(PathArgs.parse("MAIL FROM:<a@b.example> =x", "FROM:"), "a parameter needs a name");
    }

    @Test
    void dataIsUnstuffedAndEndsOnlyAtCrLfDotCrLf() throws Exception {
        assertEquals("a\r\n.b\r\n\n.\nc\r\n", data("a\r\n..b\r\n\n.\nc\r\n.\r\nNEXT"));
        assertEquals("", data(".\r\n"));
        assertEquals(".\rx\r\n", data("..\rx\r\n.\r\n"));
        assertThrows(EOFException.class, () -> data("no end\r\n"));
        var in = SmtpInputTest.input(new ByteArrayInputStream("x\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII)));
        in.readData(SmtpInputTest.buffer(0), 500, java.util.concurrent.TimeUnit.MINUTES.toNanos(1));
        assertEquals("QUIT", in.readLine(998), "never reads past the end");
    }

    @Test
    void aBufferOverItsCapKeepsCountingButHoldsNothing() {
        var budget = new BufferBudget(1 << 20);
        var b = new MessageBuffer(10, budget);
        b.append(new byte[8], 0, 8);
        assertFalse(b.tooBig());
        assertTrue(budget.used() > 0);
        b.append(new byte[8], 0, 8);
        b.append('x');
        assertTrue(b.tooBig());
        assertEquals(17, b.total());
        assertEquals(0, budget.used(), "a refused message holds no budget");
        assertThrows(IllegalStateException.class, b::bytes);
    }

    @Test
    void memoryFollowsTheBytesThatArriveAndTheBudgetBoundsItServerWide() {
        var budget = new BufferBudget(100_000);
        var a = new MessageBuffer(10_485_760, budget);
        a.append('x');
        assertTrue(budget.used() <= 8192, "one small first chunk, whatever SIZE= said: " + budget.used());
        var big = new MessageBuffer(10_485_760, budget);
        big.append(new byte[200_000], 0, 200_000);
        assertTrue(big.overBudget());
        assertFalse(big.tooBig());
        assertTrue(budget.used() <= 8192, "the refused message gave its chunks back: " + budget.used());
        a.append(new byte[20_000], 0, 20_000);
        assertEquals(20_001, a.bytes().length);
        a.release();
        a.release();
        assertEquals(0, budget.used(), "released once, idempotently");
    }

    @Test
    void everyRefusalCarriesAnEnhancedStatusCode() throws IllegalAccessException {
        for (var f : SmtpReply.class.getFields()) {
            if (f.getType() != SmtpReply.class) continue;
            SmtpReply r = (SmtpReply) f.get(null);
            if (r.code() >= 400) assertTrue(r.status().matches("[45]\\.\\d{1,3}\\.\\d{1,3}"), f.getName() + ": " + r);
        }
    }

    private static String data(String wire) throws Exception {
        var buf = SmtpInputTest.buffer(0);
        SmtpInputTest.input(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)))
                .readData(buf, 500, java.util.concurrent.TimeUnit.MINUTES.toNanos(1));
        return new String(buf.bytes(), StandardCharsets.ISO_8859_1);
    }
}
