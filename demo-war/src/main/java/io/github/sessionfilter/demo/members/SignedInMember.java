package io.github.sessionfilter.demo.members;

import java.io.Serializable;

/** The member a session belongs to, as kept in the session under {@code "member"}. */
public record SignedInMember(long id, String username, String displayName) implements Serializable {

    public SignedInMember withDisplayName(String newDisplayName) {
        return new SignedInMember(id, username, newDisplayName);
    }
}
