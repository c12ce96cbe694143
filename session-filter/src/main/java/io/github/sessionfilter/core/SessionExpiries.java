package io.github.sessionfilter.core;

import java.util.List;

/**
 * The store's index of sessions whose timeout must be announced (expiry events), as the sweep of
 * {@code web.ExpiryEvents} uses it. The store keeps it up to date itself when sessions are created,
 * renamed or deleted; an entry's time is never later than the session's real deadline, and the sweep
 * moves it forward when it finds the session still in use. Entries are claimed atomically, so that
 * one instance announces each timeout; a claim that is never finished (the instance died) runs out
 * and the entry is due again.
 */
public interface SessionExpiries {

    /** What the store holds for a claimed session. */
    sealed interface Check {
    }

    /** The session was used since: its real deadline is later. */
    record StillActive(long deadlineMillis) implements Check {
    }

    /** The session timed out; its attributes as stored (still sealed), for the listeners. */
    record TimedOut(SessionRecord record) implements Check {
    }

    /** Nothing is left of the session (its data outlived the grace period, or was evicted). */
    record Gone() implements Check {
    }

    /** Ids whose entry is due at {@code nowMillis}, at most {@code limit}. */
    List<String> due(long nowMillis, int limit);

    /** Claims a due entry until {@code leaseUntilMillis}; false when it is not due (another instance has it). */
    boolean claim(String id, long nowMillis, long leaseUntilMillis);

    /** What the store holds for a claimed session, without changing it. */
    Check check(String id, long nowMillis);

    /** Moves a claimed entry to the session's real deadline (only if it is still in the index). */
    void reschedule(String id, long deadlineMillis);

    /** The timeout was announced: the session's data and its entry go. */
    void finish(String id);
}
