package io.github.sessionfilter.demo;

/**
 * The demo cannot start as asked (bad option, port taken, WAR missing). Reported in one line, no stack
 * trace; the usage text follows only when the command line itself was wrong.
 */
final class UsageException extends RuntimeException {
    private final boolean badCommandLine;

    private UsageException(String message, boolean badCommandLine) {
        super(message);
        this.badCommandLine = badCommandLine;
    }

    static UsageException badCommandLine(String message) {
        return new UsageException(message, true);
    }

    static UsageException cannotStart(String message) {
        return new UsageException(message, false);
    }

    boolean isBadCommandLine() {
        return badCommandLine;
    }
}
