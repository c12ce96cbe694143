package io.github.sessionfilter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.testing.TestKeys;
import io.github.sessionfilter.token.SigningKeys;
import io.github.sessionfilter.token.TokenAlgorithm;
import io.github.sessionfilter.token.TokenCodec;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
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
                () -> cookie("__Host-S", false, SameSite.LAX, null, "example.com", "/", Map.of()));
        assertEquals("a __Host- cookie cannot have a Domain attribute", e.getMessage());
    }

    @Test
    void defaultName_takesThePrefixThatFitsItsPath_onlyOnSecureRequests() {
        SessionCookie root = cookie("SESSION", true, SameSite.LAX, null, null, "/", Map.of());
        SessionCookie below = cookie("SESSION", true, SameSite.LAX, null, null, "/shop", Map.of());
        SessionCookie chosen = cookie("SHOP", false, SameSite.LAX, null, null, "/", Map.of());
        assertEquals("__Host-SESSION", root.name(request(true, null)));
        assertEquals("__Host-SESSION", root.name(request(false, "https")), "behind a TLS-terminating proxy");
        assertEquals("SESSION", root.name(request(false, null)));
        assertEquals("__Secure-SESSION", below.name(request(true, null)), "__Host- would need Path=/");
        assertEquals("SHOP", chosen.name(request(true, null)), "a chosen name is used as it is");
    }

    @Test
    void appAttributes_areAppended_andAHostCookieKeepsPathSlash() {
        BufferingResponse response = new BufferingResponse(true);
        cookie("SESSION", true, SameSite.STRICT, null, null, "/", Map.of("Partitioned", ""))
                .send(request(true, null), response, "a".repeat(32), System.currentTimeMillis() + 60_000, null);
        String header = response.getHeader("Set-Cookie");
        assertTrue(header.startsWith("__Host-SESSION=ey"), header);
        assertTrue(header.endsWith("; Path=/; Secure; HttpOnly; SameSite=Strict; Partitioned"), header);
    }

    private static SessionCookie cookie(String name, boolean prefixed, SameSite sameSite, Duration maxAge, String domain,
                                        String path, Map<String, String> attributes) {
        TokenCodec tokens = new TokenCodec(SigningKeys.parse(TestKeys.keyPair("k1"), TokenAlgorithm.HS256),
                TokenAlgorithm.HS256, "session-filter", "/", Duration.ofHours(8), Clock.systemUTC());
        return new SessionCookie(name, prefixed, sameSite, CookieSecurity.AUTO, maxAge, domain, path, attributes, tokens,
                Clock.systemUTC());
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
