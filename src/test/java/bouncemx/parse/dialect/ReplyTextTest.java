package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ReplyTextTest {
    private static final String TRANSCRIPT = """
               ----- The following addresses had permanent fatal errors -----
            <a@remote.example>
                (reason: 552-5.7.0 This message was blocked because its content presents a potential)

               ----- Transcript of session follows -----
            ... while talking to mx.remote.example.:
            >>> DATA
            <<< 552-5.7.0 This message was blocked because its content presents a potential
            <<< 552-5.7.0 security issue. Please visit
            <<< 552 5.7.0 our guidelines. q1 - gsmtp
            554 5.0.0 Service unavailable
            """;

    @Test
    void joinsAMultiLineReplyNamingItsCodesOnce() {
        assertEquals("550 5.7.26 first line more last", ReplyText.join("550-5.7.26 first line\n550-5.7.26 more\n550 5.7.26 last"));
    }

    /**
     * sendmail's DSN keeps a multi-line reply's first line, and so does its "(reason: ...)" line; its transcript quotes
     * the whole reply.
     */
    @Test
    void completesAReplysFirstLineFromTheTextThatQuotesItWhole() {
        String first = "552-5.7.0 This message was blocked because its content presents a potential";
        assertEquals("552 5.7.0 This message was blocked because its content presents a potential security issue."
                + " Please visit our guidelines. q1 - gsmtp", ReplyText.completed(first, TRANSCRIPT));
        // unquoted replies too
        assertEquals("550 5.1.1 no such user here", ReplyText.completed("550-5.1.1 no such",
                "Remote said:\n550-5.1.1 no such\n550-5.1.1 user\n550 5.1.1 here\n"));
    }

    @Test
    void leavesAWholeReplyOrOneTheTextDoesNotQuoteAsItIs() {
        String whole = "552 5.7.0 content and attachment guidelines";
        assertSame(whole, ReplyText.completed(whole, TRANSCRIPT));
        String elsewhere = "552-5.7.0 a line the text does not hold";
        assertSame(elsewhere, ReplyText.completed(elsewhere, TRANSCRIPT));
        // the same line inside a sentence is no quoted reply
        String inProse = "550-5.1.1 no such";
        assertSame(inProse, ReplyText.completed(inProse, "The server said 550-5.1.1 no such\n550 5.1.1 user\n"));
    }
}
