package bouncemx.parse;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReportTest {
    private static RecipientStatus entry(String address, String diagnostic) {
        return RecipientStatus.builder().address(address, "text").action("failed").status("5.1.1")
                .diagnosticText(diagnostic).build();
    }

    /**
     * A notice written twice (Mail.Ru's Russian text over its English copy, each listing the failure the same way)
     * yields one entry per recipient; entries that differ in any field are all kept, in order.
     */
    @Test
    void keepsAnEntryTheNoticeRepeatsFieldForFieldOnce() {
        var a = entry("a@one.example", "550 5.1.1 <a@one.example>... User Unknown");
        var b = entry("b@two.example", "550 5.1.1 no such user");
        var a2 = entry("a@one.example", "550 5.1.1 mailbox unavailable");
        assertEquals(List.of(a, b), Report.delivery(List.of(a, b, a, b)).recipients());
        assertEquals(List.of(a, a2), Report.delivery(List.of(a, a2)).recipients());
        assertEquals(List.of(a), Report.delivery(List.of(a)).recipients());
    }
}
