package bouncemx.state;

import java.util.Collection;
import java.util.Map;

/**
 * Where the suppression state lives: one {@link AddressState} per address and the journal position it reflects,
 * written together so that after a crash state and position agree. Embedded by default ({@link SqliteStore});
 * behind this interface a store shared by several MX hosts can follow. Implementations are thread-safe.
 */
public interface SuppressionStore extends AutoCloseable {

    /** The state of {@code address} (lowercased), or null when it was never seen. */
    AddressState get(String address);

    /**
     * Stores {@code changed}, adds {@code campaignCounts} to the campaign report's counters and stores the journal
     * position (last sequence number applied), in one transaction.
     */
    void commit(Collection<AddressState> changed, Map<Campaigns.Key, Long> campaignCounts, long position);

    /** A commit without campaign counts. */
    default void commit(Collection<AddressState> changed, long position) {
        commit(changed, Map.of(), position);
    }

    /** The last journal sequence number the stored state reflects (0: none, a new store). */
    long position();

    @Override
    void close();
}
