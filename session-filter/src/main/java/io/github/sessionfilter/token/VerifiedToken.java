package io.github.sessionfilter.token;

import java.time.Instant;
import java.util.Objects;

/**
 * What a session token proves once {@link TokenCodec#verify(String)} has accepted it: the id of
 * the session it names, when it was issued and when it stops being valid (whole seconds, as in
 * the JWT). It says nothing about whether the session still exists; the store decides that.
 *
 * @param sessionId the session id from the {@code sub} claim, in the session id format
 * @param userId    the {@code uid} claim: the user the session belonged to when the token was issued; null
 *                  when the token names none
 * @param issuedAt  the {@code iat} claim
 * @param expiresAt the {@code exp} claim, after {@code issuedAt}
 */
public record VerifiedToken(String sessionId, String userId, Instant issuedAt, Instant expiresAt) {

    public VerifiedToken {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A token that names no user. */
    public VerifiedToken(String sessionId, Instant issuedAt, Instant expiresAt) {
        this(sessionId, null, issuedAt, expiresAt);
    }

    /** Never prints the full session id: toString output tends to end up in logs. */
    @Override
    public String toString() {
        return "VerifiedToken[sessionId=" + sessionId.substring(0, Math.min(4, sessionId.length()))
                + "..., user=" + (userId == null ? "none" : "present") + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
