package io.github.sessionfilter.core;

/**
 * The session store did not answer (timeout, connection refused, server error). The message names
 * the operation, the endpoint (without credentials) and the timeout, never a session id or a token.
 * A request that needs its session cannot be served safely; the filter answers 503.
 */
public class SessionStoreException extends RuntimeException {
    public SessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
