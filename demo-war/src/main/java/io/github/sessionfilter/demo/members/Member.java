package io.github.sessionfilter.demo.members;

import java.time.OffsetDateTime;

/** A row of the members table. Never put in the session: it carries the password hash. */
public record Member(long id, String username, String displayName, String passwordHash, OffsetDateTime createdAt) {

    /** What the session remembers about a logged-in member. */
    public SignedInMember signedIn() {
        return new SignedInMember(id, username, displayName);
    }
}
