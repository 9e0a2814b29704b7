package bouncemx.verp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class VerpTest {
    @Test
    void decodesTheUsualForm() {
        var a = Verp.decode("Bounces+Alice.Smith=Customer.example@bounce.sender.example");
        assertEquals("alice.smith@customer.example", a.recipient());
        assertEquals("bounces", a.prefix());
        assertEquals("bounce.sender.example", a.bounceDomain());
        assertEquals("tom@sub.example.org", Verp.decode("b-tom=sub.example.org@x.example").recipient());
    }

    @Test
    void rejectsAddressesThatAreNotVerp() {
        assertNull(Verp.decode("bounces@bounce.sender.example"));
        assertNull(Verp.decode("user+tag@example.com"));
        assertNull(Verp.decode("a+b=nodot@x.example"));
        assertNull(Verp.decode("+x=y.example@x.example"));
        assertNull(Verp.decode(null));
    }

    @Test
    void theReportedAddressPicksTheSplitWhenIdsSitBeforeTheRecipient() {
        String a = "bounce-0000002-1111115-jean-luc=customer.example@mx.sender.example";
        // the first separator gives ids as part of the local part; the report says where it really starts
        assertEquals("0000002-1111115-jean-luc@customer.example", Verp.decode(a).recipient());
        var exact = Verp.decodeAs(a, "Jean-Luc@customer.example");
        assertEquals("jean-luc@customer.example", exact.recipient());
        assertEquals("bounce-0000002-1111115", exact.prefix());
        assertNull(Verp.decodeAs(a, "someone.else@customer.example"));
        assertNull(Verp.decodeAs(a, ""));
    }
}
