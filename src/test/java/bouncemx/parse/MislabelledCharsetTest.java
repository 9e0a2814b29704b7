package bouncemx.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A text part labelled with a relay's default charset reads as what its bytes are (issue 13, H13). */
class MislabelledCharsetTest {
    static String text(String charset, byte[] body) {
        byte[] b = body;
        return MimePart.decodeCharset(b, 0, b.length, charset);
    }

    @Test
    void utf8LabelledLatin1OrWindows1252IsReadAsUtf8() {
        byte[] utf8 = "Boîte aux lettres pleine: 552 5.2.2 <luc@fai.example>".getBytes(StandardCharsets.UTF_8);
        assertEquals("Boîte aux lettres pleine: 552 5.2.2 <luc@fai.example>", text("iso-8859-1", utf8));
        assertEquals("Boîte aux lettres pleine: 552 5.2.2 <luc@fai.example>", text("windows-1252", utf8));
        assertEquals("Boîte aux lettres pleine: 552 5.2.2 <luc@fai.example>", text("\"ISO-8859-1\"", utf8));
    }

    @Test
    void latin1StaysLatin1AndOtherLabelsAreObeyed() {
        byte[] latin1 = "Boîte pleine – 552".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        assertEquals("Boîte pleine – 552", text("windows-1252", latin1));
        assertEquals("Boîte pleine \u0096 552", text("iso-8859-1", latin1));
        // labelled us-ascii or unlabelled: UTF-8 when valid, else Latin-1
        assertEquals("Boîte pleine \u0096 552", text("us-ascii", latin1));
        assertEquals("Boîte pleine \u0096 552", text(null, latin1));
        // a label of a charset that is not Latin is obeyed even where its bytes pair up as UTF-8
        byte[] koi8 = "Ящик переполнен".getBytes(java.nio.charset.Charset.forName("KOI8-R"));
        assertEquals("Ящик переполнен", text("koi8-r", koi8));
    }
}
