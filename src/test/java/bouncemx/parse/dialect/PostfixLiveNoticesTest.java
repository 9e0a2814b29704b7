package bouncemx.parse.dialect;

import bouncemx.classify.Classification;
import bouncemx.event.Event;
import bouncemx.testing.Engine;
import bouncemx.testing.Samples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The notices a real Postfix 3.7 (Debian bookworm) wrote in PostfixBouncesIT, kept as fixtures
 * (dialects/postfix/live-*.eml, captured with -Dbouncemx.postfix.capture=DIR) so that the same checks run
 * offline, where Postfix cannot: file | type | reason | hard | status | rule prefix | original Message-ID.
 */
class PostfixLiveNoticesTest {

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "live-unknown.eml  | bounce.hard      | userunknown  | true  | 5.1.1 | status:X.1.1       | <issue-12.unknown@sender-test.example>",
            "live-full.eml     | bounce.soft      | mailboxfull  | false | 5.2.2 | status:X.2.2       | <issue-12.full@sender-test.example>",
            "live-disabled.eml | bounce.soft      | suspend      | false | 5.2.1 | phrase:            | <issue-12.disabled@sender-test.example>",
            "live-listed.eml   | bounce.soft      | blocked      | false | 5.7.1 | phrase:blocked using | <issue-12.listed@sender-test.example>",
            "live-filtered.eml | bounce.soft      | spamdetected | false | 5.7.0 | phrase:spam        | <issue-12.filtered@sender-test.example>",
            "live-grey.eml     | bounce.soft      | blocked      | false | 4.2.0 | greylisting:       | <issue-12.grey@sender-test.example>",
            "live-happy.eml    | delivery.success | delivered    | false | 2.0.0 | action:relayed     | <issue-12.happy@sender-test.example>"})
    void decodesWhatARealPostfixWrote(String file, String type, String reason, boolean hard, String status,
                                      String rulePrefix, String messageId) {
        List<Event> events = Engine.events(Samples.bytes("dialects/postfix/" + file));
        assertEquals(1, events.size());
        Event e = events.get(0);
        Classification c = e.classification();
        assertEquals("postfix", e.decodedBy());
        assertEquals(file.substring(5, file.length() - 4) + "@customer-test.example", e.recipientAddress());
        assertEquals(type, e.type());
        assertEquals(reason, c.reason().wireName());
        assertEquals(hard, c.hard());
        assertEquals(status, c.status());
        assertEquals(true, c.rule().startsWith(rulePrefix), c.rule());
        assertEquals(messageId, e.original().messageId());
    }
}
