package bouncemx.parse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one reader of RFC 3464 "MTA-name-type; name" values, as fields and as lookup keys. */
class MtaNameTest {

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource(delimiter = '|', value = {
            "dns; mx.example.com                   | mx.example.com        | mx.example.com",
            "DNS; MX.Example.COM (192.0.2.1)       | mx.example.com        | mx.example.com",
            "dns;mx1.example.net. [192.0.2.1]      | mx1.example.net.      | mx1.example.net",
            "mx.example.org                        | mx.example.org        | mx.example.org",
            "dsn; a8-70.smtp-out.amazonses.com     | a8-70.smtp-out.amazonses.com | a8-70.smtp-out.amazonses.com",
            "''                                    | ''                    | ''"})
    void readsTheNameOfATypedValue(String typed, String name, String key) {
        assertEquals(name, MtaName.of(typed));
        assertEquals(key, MtaName.key(typed));
    }

    @org.junit.jupiter.api.Test
    void nullIsNoName() {
        assertEquals("", MtaName.of(null));
        assertEquals("", MtaName.key(null));
    }
}
