package bouncemx.state;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The reads the API and the command line make over the whole store; each runs on its own connection, so a long
 * export never holds up the consumer. Thread-safe.
 */
public interface SuppressionQueries {

    /**
     * Addresses whose suppression changed at or after {@code since}, in (updated_at, address) order, starting after
     * the position ({@code afterTime}, {@code afterAddress}) (both null: from the start); at most {@code limit}.
     */
    List<AddressState> changedSince(Instant since, Instant afterTime, String afterAddress, int limit);

    /** The campaign report: per campaign, the events of UTC days from {@code since}'s day on; by campaign name. */
    List<Campaigns.Row> campaigns(Instant since);

    /** Every known address, in address order. */
    void forEach(Consumer<AddressState> each);
}
