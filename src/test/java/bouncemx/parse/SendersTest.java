package bouncemx.parse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SendersTest {
    private static BounceMessage message(String header) {
        return BounceMessage.parse((header.replace("\\n", "\n") + "\n\nbody\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Who may have sent a notice: a mail system's account (by local part or display name), the null path, nobody named. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "From: MAILER-DAEMON@mx.example                                  | true  | false | false",
            "From: Mail Delivery Subsystem <mailer-daemon@mx.example>         | true  | false | false",
            "From: \"Mail Delivery System\" <notices@mx.example>              | true  | false | false",
            "From: postmaster@mx.example\\nReturn-Path: <>                    | true  | true  | false",
            "From: Ann Lee <ann@people.example>\\nReturn-Path: <>             | false | true  | false",
            "From: <>                                                         | false | true  | false",
            "From: Ann Lee <ann@people.example>                               | false | false | false",
            "Subject: no From at all\\nContent-Type: text/plain               | false | false | true"})
    void tellsAMailSystemTheNullPathAndAMissingFrom(String header, boolean mailSystem, boolean nullSender, boolean unknown) {
        BounceMessage m = message(header);
        assertEquals(mailSystem, Senders.mailSystem(m), "mail system");
        assertEquals(nullSender, Senders.nullSender(m), "null sender");
        assertEquals(unknown, Senders.unknown(m), "no From");
        assertEquals(mailSystem || nullSender || unknown, Senders.mayBeNotice(m), "may be a notice");
    }
}
