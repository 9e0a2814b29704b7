package bouncemx.parse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link BounceMessage#subjectLower}: the tags that security gateways and list servers put before a Subject
 * are not part of it, so dialects that know a notice by its Subject still know it when it is tagged.
 */
class SubjectTagsTest {

    private static String subjectOf(String subject) {
        return BounceMessage.parse(("Subject: " + subject + "\r\nFrom: a@b.example\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.UTF_8)).subjectLower();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # Subject as received                             | read as
            [EXTERNAL] Undeliverable: Hello                     | undeliverable: hello
            [External]Undeliverable: Hello                      | undeliverable: hello
            ***SPAM*** Returned mail: see transcript for details | returned mail: see transcript for details
            *** SPAM *** Returned mail: User unknown            | returned mail: user unknown
            [SUSPECTED SPAM] [EXTERNAL] Automatic reply: Hi     | automatic reply: hi
            EXTERNAL: Mail delivery failed                      | mail delivery failed
            [list-name] Undelivered Mail Returned to Sender     | undelivered mail returned to sender
            "  [EXT]   failure notice"                          | failure notice
            # a Subject that is only a tag, or one starred sentence, stays whole
            [BOUNCE]                                            | [bounce]
            **Message you sent blocked by our bulk email filter** | **message you sent blocked by our bulk email filter**
            # braces are MailScanner's own notice Subject, not a tag; a bracket far into the Subject is text
            {Bounce} Unsolicited commercial email rejected      | {bounce} unsolicited commercial email rejected
            Undeliverable: [EXTERNAL] Hello                     | undeliverable: [external] hello
            [a bracket that runs on far too long to be any gateway's tag] x | [a bracket that runs on far too long to be any gateway's tag] x
            # no more than three tags are taken off
            [a] [b] [c] [d] Undeliverable                       | [d] undeliverable
            """)
    void tagsBeforeTheSubjectAreTakenOff(String received, String read) {
        assertEquals(read, subjectOf(received));
    }
}
