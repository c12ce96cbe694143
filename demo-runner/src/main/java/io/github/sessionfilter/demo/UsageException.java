package io.github.sessionfilter.demo;

/** A mistake in how the demo was started (bad option, port taken, WAR missing): reported in one line, no stack trace. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
