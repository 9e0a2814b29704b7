package bouncemx.journal;

import java.time.Instant;

/**
 * One committed journal record as a reader returns it: its sequence number, the writer's timestamp and the
 * payload bytes. The payload array belongs to the caller (a fresh copy per read); equality is by identity of
 * that array, so compare payloads with {@link java.util.Arrays#equals(byte[], byte[])}.
 */
public record JournalRecord(long seq, Instant timestamp, byte[] payload) {}
