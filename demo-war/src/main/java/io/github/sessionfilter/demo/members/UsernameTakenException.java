package io.github.sessionfilter.demo.members;

/** Registration failed because another member already has the user name. */
public final class UsernameTakenException extends Exception {
    public UsernameTakenException(String username) {
        super("user name already taken: " + username);
    }
}
