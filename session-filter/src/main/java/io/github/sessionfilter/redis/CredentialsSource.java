package io.github.sessionfilter.redis;

/**
 * Where a connection gets its user name and password, asked on every connect and reconnect (an
 * application's credentials provider, adapted by the configuration). Runs on a thread of its own, so it
 * may block.
 */
public interface CredentialsSource extends AutoCloseable {

    /** A user name (null: Redis's {@code default} user) and a password; the array is the caller's. */
    record Credentials(String username, char[] password) {
    }

    /** The credentials for a connection opened now; null when there are none. */
    Credentials credentials() throws Exception;

    /** What supplies them, for error messages (a class name, never a secret). */
    String description();

    /** The class loader the credentials thread runs with (the application's). */
    ClassLoader classLoader();

    /** Releases what the source holds; called when the store closes. */
    @Override
    default void close() throws Exception {
    }
}
