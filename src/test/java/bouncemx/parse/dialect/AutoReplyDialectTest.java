package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.ParseResult;
import bouncemx.parse.Report;
import bouncemx.testing.Samples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class AutoReplyDialectTest {
    private final AutoReplyDialect dialect = new AutoReplyDialect();

    private static BounceMessage msg(String headers) {
        return BounceMessage.parse((headers + "\n\nI am away.\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void takesTheAwayPersonFromTheFromHeader() {
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(BounceMessage.parse(Samples.sample("auto-reply.eml"))));
        assertEquals(Report.Kind.AUTO_REPLY, d.report().kind());
        assertEquals("frank@customer-test.example", d.report().recipients().get(0).address());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "From: a@x.example\nAuto-Submitted: auto-replied (vacation)",
            "From: a@x.example\nX-Autoreply: yes",
            "From: a@x.example\nPrecedence: auto_reply",
            "From: a@x.example\nSubject: Out of Office: your mail",
            "From: a@x.example\nSubject: Abwesenheitsnotiz: Termin",
            "From: a@x.example\nSubject: Réponse automatique : bonjour"})
    void recognisesStandardAndDeFactoMarkers(String headers) {
        assertInstanceOf(ParseResult.Decoded.class, dialect.parse(msg(headers)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "From: MAILER-DAEMON@x.example\nAuto-Submitted: auto-replied\nSubject: hello",
            "From: postmaster@x.example\nAuto-Submitted: auto-replied\nSubject: notice",
            "From: a@x.example\nAuto-Submitted: auto-replied\nSubject: Undelivered Mail Returned to Sender",
            "From: a@x.example\nAuto-Submitted: auto-generated\nSubject: report",
            "From: a@x.example\nSubject: an ordinary message"})
    void neverTakesABounceOrOrdinaryMailForAnAutoReply(String headers) {
        assertSame(ParseResult.NOT_MINE, dialect.parse(msg(headers)));
    }
}
