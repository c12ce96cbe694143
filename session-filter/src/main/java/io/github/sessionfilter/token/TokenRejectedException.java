package io.github.sessionfilter.token;

/** A rejection with a short, fixed reason; cheap (no stack trace) because attackers trigger it. */
final class TokenRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    TokenRejectedException(String reason) {
        super(reason, null, false, false);
    }
}
