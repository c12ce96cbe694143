package io.github.sessionfilter.core;

/**
 * Another request of the same session held the session lock for the whole configured wait. A
 * {@link SessionStoreException}, so by default the request is answered 503 with {@code Retry-After};
 * the message names the wait and the session by its abbreviated id, never the full one.
 */
public class SessionLockTimeoutException extends SessionStoreException {
    public SessionLockTimeoutException(String message) {
        super(message, null);
    }
}
