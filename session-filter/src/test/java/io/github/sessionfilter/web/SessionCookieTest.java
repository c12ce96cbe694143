package io.github.sessionfilter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
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

    @Test
    void defaultName_takesThePrefixThatFitsItsPath_onlyOnSecureRequests() {
        SessionCookie root = new SessionCookie("SESSION", true, SameSite.LAX, CookieSecurity.AUTO, null, null, "/", Map.of());
        SessionCookie below = new SessionCookie("SESSION", true, SameSite.LAX, CookieSecurity.AUTO, null, null, "/shop", Map.of());
        SessionCookie chosen = new SessionCookie("SHOP", false, SameSite.LAX, CookieSecurity.AUTO, null, null, "/", Map.of());
        assertEquals("__Host-SESSION", root.name(request(true, null)));
        assertEquals("__Host-SESSION", root.name(request(false, "https")), "behind a TLS-terminating proxy");
        assertEquals("SESSION", root.name(request(false, null)));
        assertEquals("__Secure-SESSION", below.name(request(true, null)), "__Host- would need Path=/");
        assertEquals("SHOP", chosen.name(request(true, null)), "a chosen name is used as it is");
    }

    @Test
    void appAttributes_areAppended_andAHostCookieKeepsPathSlash() {
        BufferingResponse response = new BufferingResponse(true);
        new SessionCookie("SESSION", true, SameSite.STRICT, CookieSecurity.AUTO, null, null, "/", Map.of("Partitioned", ""))
                .write(request(true, null), response, "t");
        String header = response.getHeader("Set-Cookie");
        assertEquals("__Host-SESSION=t; Path=/; Secure; HttpOnly; SameSite=Strict; Partitioned", header);
    }

    /** A request that answers only what the cookie asks: whether it is secure, and its forwarding header. */
    private static HttpServletRequest request(boolean secure, String forwardedProto) {
        return (HttpServletRequest) Proxy.newProxyInstance(SessionCookieTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isSecure" -> secure;
                    case "getHeader" -> "X-Forwarded-Proto".equalsIgnoreCase((String) args[0]) ? forwardedProto : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
