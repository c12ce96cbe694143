package io.github.sessionfilter.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.github.sessionfilter.token.TokenCodec;
import io.github.sessionfilter.token.VerifiedToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which session a request names, and what cookie goes back: reads the session cookie, verifies its
 * token on the CPU (a bad token is "no session", counted, never a Redis call), issues a token for a new
 * or renamed session and writes it, and expires the cookie at logout.
 *
 * <p>The cookie carries the session token: HttpOnly, SameSite, Secure per {@link CookieSecurity},
 * a fixed Path (the context path unless configured), no Max-Age unless configured, and any further
 * attributes the app configured (e.g. {@code Partitioned}). Written as a raw {@code Set-Cookie} header
 * so SameSite works on every container.
 *
 * <p>A name starting with {@code __Host-} makes the cookie Secure, host-only and {@code Path=/} whatever
 * else is configured (browsers refuse it otherwise, and in return no subdomain or other path can set or
 * shadow it); {@code __Secure-} makes it Secure. With {@linkplain #prefixedWhenSecure a default name},
 * a request that gets a Secure cookie uses {@code __Host-<name>} (or {@code __Secure-<name>} where the
 * cookie needs a path or domain), and a plain-HTTP request the bare name: on HTTPS a sibling subdomain
 * or a plain-HTTP page can then no longer plant a cookie the filter would read (cookie tossing).
 */
public final class SessionCookie {
    /** Most session cookies of our name a request is looked up by; more are ignored. */
    static final int MAX_REQUESTED = 3;
    private static final Duration REPORT_INTERVAL = Duration.ofMinutes(5);

    private final String name;
    private final boolean prefixedWhenSecure;
    private final SameSite sameSite;
    private final CookieSecurity security;
    private final Duration maxAge;
    private final String domain;
    private final String path;
    private final String attributes;
    private final TokenCodec tokens;
    private final TokenRejectionReport rejections;

    /**
     * @param prefixedWhenSecure whether {@code name} is a default that takes a {@code __Host-} or
     *                           {@code __Secure-} prefix whenever the cookie is Secure
     * @param maxAge             null for a browser-session cookie
     * @param domain             null for a host-only cookie
     * @param path               the Path attribute, already valid cookie-path text (ignored for a {@code __Host-} name)
     * @param attributes         further attributes, already valid; an empty value writes the name alone
     * @param tokens             issues and verifies the token the cookie holds
     * @param clock              time of the rejected-token report
     */
    public SessionCookie(String name, boolean prefixedWhenSecure, SameSite sameSite, CookieSecurity security,
                         Duration maxAge, String domain, String path, Map<String, String> attributes,
                         TokenCodec tokens, Clock clock) {
        if (requiresHostOnly(name) && domain != null) {
            throw new IllegalArgumentException("a __Host- cookie cannot have a Domain attribute");
        }
        this.name = name;
        this.prefixedWhenSecure = prefixedWhenSecure && !requiresSecure(name);
        this.sameSite = sameSite;
        this.security = requiresSecure(name) ? CookieSecurity.ALWAYS : security;
        this.maxAge = maxAge;
        this.domain = domain;
        this.path = path == null || path.isEmpty() ? "/" : path;
        StringBuilder extra = new StringBuilder();
        attributes.forEach((attribute, value) ->
                extra.append("; ").append(attribute).append(value.isEmpty() ? "" : "=" + value));
        this.attributes = extra.toString();
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.rejections = new TokenRejectionReport(clock, REPORT_INTERVAL);
    }

    /** Whether browsers accept a cookie of this name only when it is host-only with {@code Path=/} and Secure. */
    public static boolean requiresHostOnly(String name) {
        return name != null && name.regionMatches(true, 0, "__Host-", 0, 7);
    }

    /** Whether browsers accept a cookie of this name only when it is Secure ({@code __Secure-} and {@code __Host-}). */
    public static boolean requiresSecure(String name) {
        return requiresHostOnly(name) || (name != null && name.regionMatches(true, 0, "__Secure-", 0, 9));
    }

    /** The configured (or default) name, without the prefix a Secure request adds. */
    public String name() {
        return name;
    }

    /** The name the cookie has on this request. */
    String name(HttpServletRequest request) {
        if (!prefixedWhenSecure || !security.isSecure(request)) {
            return name;
        }
        return ("/".equals(path) && domain == null ? "__Host-" : "__Secure-") + name;
    }

    /**
     * The valid tokens in the request's cookies, one per session id, in the order the browser sent
     * them (it sends several when another path or a sibling domain planted one), at most
     * {@link #MAX_REQUESTED} and without repeats. No store access.
     */
    List<VerifiedToken> requested(HttpServletRequest request) {
        String expected = name(request);
        List<VerifiedToken> requested = new ArrayList<>(1);
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return requested;
        }
        for (Cookie cookie : cookies) {
            String value = cookie.getValue();
            if (!expected.equals(cookie.getName()) || value == null || value.isEmpty()) {
                continue;
            }
            Optional<VerifiedToken> token = tokens.verify(value);
            if (token.isEmpty()) {
                rejections.rejected(tokens.rejectedTokens());
            } else if (requested.size() < MAX_REQUESTED
                    && requested.stream().noneMatch(t -> t.sessionId().equals(token.get().sessionId()))) {
                requested.add(token.get());
            }
        }
        return requested;
    }

    /** Sends a new token for the session: a new session, a new id, or a new user ({@code userId}, null for none). */
    void send(HttpServletRequest request, HttpServletResponse response, String sessionId, long expiresAtMillis,
              String userId) {
        String token = tokens.issue(sessionId, Instant.ofEpochMilli(expiresAtMillis), userId);
        response.addHeader("Set-Cookie", header(request, token,
                maxAge == null ? null : maxAge.getSeconds()));
    }

    /** How many tokens were rejected since start. */
    public long rejectedTokens() {
        return tokens.rejectedTokens();
    }

    void expire(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Set-Cookie", header(request, "", 0L) + "; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
    }

    private String header(HttpServletRequest request, String value, Long maxAgeSeconds) {
        String cookieName = name(request);
        StringBuilder header = new StringBuilder(cookieName).append('=').append(value);
        header.append("; Path=").append(requiresHostOnly(cookieName) ? "/" : path);
        if (domain != null) {
            header.append("; Domain=").append(domain);
        }
        if (maxAgeSeconds != null) {
            header.append("; Max-Age=").append(maxAgeSeconds);
        }
        if (requiresSecure(cookieName) || security.isSecure(request)) {
            header.append("; Secure");
        }
        header.append("; HttpOnly; SameSite=").append(sameSite.attribute()).append(attributes);
        return header.toString();
    }
}
