package io.github.sessionfilter;

import java.time.Instant;
import java.util.List;

/**
 * A user's sessions, across all instances: list them, and end one, all, or all but the current one
 * ("log out everywhere"). An ended session is dead on every instance at once: its next request finds
 * nothing. Published as the servlet context attribute {@link #CONTEXT_ATTRIBUTE} when the filter knows
 * who the user is (setting {@code session.user}); absent otherwise.
 *
 * <pre>{@code
 * SessionRegistry sessions = (SessionRegistry) getServletContext().getAttribute(SessionRegistry.CONTEXT_ATTRIBUTE);
 * sessions.revokeAllBut(user, request.getSession());
 * }</pre>
 *
 * Each call is a few Redis commands; a failure to reach Redis is thrown as an unchecked exception.
 */
public interface SessionRegistry {
    /** The servlet context attribute under which the filter publishes the registry. */
    String CONTEXT_ATTRIBUTE = "io.github.sessionfilter.sessionRegistry";

    /**
     * One session of a user.
     *
     * @param ref          names the session for {@link #revoke}; a prefix of its id, not enough to use it
     * @param created      when it was created
     * @param lastAccessed the start of its latest request
     */
    record SessionInfo(String ref, Instant created, Instant lastAccessed) {
    }

    /** The user's live sessions, newest first. */
    List<SessionInfo> sessionsOf(String userId);

    /** Ends the user's session named by {@code ref} (from {@link SessionInfo#ref()}); false if there is none. */
    boolean revoke(String userId, String ref);

    /** Ends every session of the user; returns how many. */
    int revokeAll(String userId);

    /** Ends every session of the user except {@code currentSessionId} (the caller's); returns how many. */
    int revokeAllBut(String userId, String currentSessionId);
}
