package io.github.sessionfilter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Cookie name prefixes (RFC 6265bis): what the browser requires, the cookie does by itself. */
class SessionCookieTest {
    @Test
    void hostPrefix_requiresHostOnlyAndSecure_caseInsensitively() {
        assertTrue(SessionCookie.requiresHostOnly("__Host-SESSION"));
        assertTrue(SessionCookie.requiresHostOnly("__host-session"));
        assertTrue(SessionCookie.requiresSecure("__Host-SESSION"));
        assertTrue(SessionCookie.requiresSecure("__Secure-SESSION"));
        assertFalse(SessionCookie.requiresHostOnly("__Secure-SESSION"));
        assertFalse(SessionCookie.requiresSecure("SESSION"));
        assertFalse(SessionCookie.requiresSecure("_Host-SESSION"));
    }

    @Test
    void hostPrefix_withDomain_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SessionCookie("__Host-S", SameSite.LAX, CookieSecurity.AUTO, null, "example.com"));
        assertEquals("a __Host- cookie cannot have a Domain attribute", e.getMessage());
    }
}
