package io.github.sessionfilter.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The principal fingerprint kept in the session for {@code session.rotate-on=principal}. */
class SessionIdRotationTest {
    @Test
    void fingerprint_isSaltedPerSession_soEqualNamesGiveDifferentValues() {
        String a = SessionIdRotation.fingerprint("alice");
        String b = SessionIdRotation.fingerprint("alice");
        assertNotEquals(a, b, "a precomputed table of names cannot match");
        assertFalse(a.contains("alice"));
        assertTrue(SessionIdRotation.isFingerprintOf(a, "alice"));
        assertTrue(SessionIdRotation.isFingerprintOf(b, "alice"));
    }

    @Test
    void fingerprint_ofAnotherName_orGarbage_doesNotMatch() {
        String alice = SessionIdRotation.fingerprint("alice");
        assertFalse(SessionIdRotation.isFingerprintOf(alice, "bob"));
        assertFalse(SessionIdRotation.isFingerprintOf(alice, null));
        assertFalse(SessionIdRotation.isFingerprintOf(null, "alice"));
        assertFalse(SessionIdRotation.isFingerprintOf("no-dot", "alice"));
        assertFalse(SessionIdRotation.isFingerprintOf("!!.??", "alice"));
        assertFalse(SessionIdRotation.isFingerprintOf(42, "alice"));
    }
}
