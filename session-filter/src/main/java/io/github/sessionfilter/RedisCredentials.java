package io.github.sessionfilter;

import java.util.Arrays;
import java.util.Objects;

/**
 * A user name (optional: null means Redis's {@code default} user) and a password (or an access token,
 * such as a Memorystore IAM token) for one connection to Redis. The password is kept as characters and
 * copied in and out, so a caller may clear its own array; {@link #toString()} never shows it.
 */
public final class RedisCredentials {
    private final String username;
    private final char[] password;

    private RedisCredentials(String username, char[] password) {
        this.username = username;
        this.password = password;
    }

    /**
     * @param username the ACL user, or null for the {@code default} user
     * @param password the password or token; copied
     */
    public static RedisCredentials of(String username, char[] password) {
        Objects.requireNonNull(password, "password");
        return new RedisCredentials(username, password.clone());
    }

    /**
     * @param username the ACL user, or null for the {@code default} user
     * @param password the password or token
     */
    public static RedisCredentials of(String username, String password) {
        Objects.requireNonNull(password, "password");
        return new RedisCredentials(username, password.toCharArray());
    }

    /** The ACL user, or null for the {@code default} user. */
    public String username() {
        return username;
    }

    /** A copy of the password. */
    public char[] password() {
        return password.clone();
    }

    /** Overwrites the password held by this object. */
    public void clear() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "RedisCredentials[username=" + (username == null ? "(default)" : username) + ", password=****]";
    }
}
