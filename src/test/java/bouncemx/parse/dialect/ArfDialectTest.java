package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.ParseResult;
import bouncemx.parse.Report;
import bouncemx.testing.Samples;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class ArfDialectTest {
    private final ArfDialect dialect = new ArfDialect();

    @Test
    void readsFeedbackTypeSourceIpAndOriginalRecipient() {
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(BounceMessage.parse(Samples.sample("arf-abuse.eml"))));
        Report r = d.report();
        assertEquals(Report.Kind.COMPLAINT, r.kind());
        assertEquals("erin@mailbox-test.example", r.recipients().get(0).address());
        assertEquals("abuse", r.recipients().get(0).feedbackType());
        assertEquals("192.0.2.55", r.recipients().get(0).sourceIp());
    }

    @Test
    void readsNotSpamAndAuthFailureReportsAndSeveralRecipients() {
        String msg = """
                Content-Type: multipart/report; report-type=feedback-report; boundary=f

                --f
                Content-Type: message/feedback-report

                Feedback-Type: auth-failure
                Auth-Failure: dkim
                Original-Rcpt-To: <one@mailbox-test.example>
                Original-Rcpt-To: <two@mailbox-test.example>

                --f--
                """;
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(BounceMessage.parse(msg.getBytes(StandardCharsets.US_ASCII))));
        assertEquals(2, d.report().recipients().size());
        assertEquals("two@mailbox-test.example", d.report().recipients().get(1).address());
        assertEquals("auth-failure", d.report().recipients().get(1).feedbackType());
        var notSpam = msg.replace("auth-failure", "not-spam");
        var d2 = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(BounceMessage.parse(notSpam.getBytes(StandardCharsets.US_ASCII))));
        assertEquals("not-spam", d2.report().recipients().get(0).feedbackType());
    }

    @Test
    void fallsBackToTheReturnedOriginalsToWhenTheReportNamesNoRecipient() {
        String msg = """
                Content-Type: multipart/report; report-type=feedback-report; boundary=f

                --f
                Content-Type: message/feedback-report

                Feedback-Type: abuse

                --f
                Content-Type: message/rfc822

                To: Jane <jane@mailbox-test.example>
                Subject: hi

                x
                --f--
                """;
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(BounceMessage.parse(msg.getBytes(StandardCharsets.US_ASCII))));
        assertEquals("jane@mailbox-test.example", d.report().recipients().get(0).address());
        assertEquals("header", d.report().recipients().get(0).addressSource());
    }

    @Test
    void ignoresBouncesAndOrdinaryMail() {
        assertSame(ParseResult.NOT_MINE, dialect.parse(BounceMessage.parse(Samples.sample("dsn-userunknown.eml"))));
        assertSame(ParseResult.NOT_MINE, dialect.parse(BounceMessage.parse(Samples.sample("not-a-bounce.eml"))));
    }
}
