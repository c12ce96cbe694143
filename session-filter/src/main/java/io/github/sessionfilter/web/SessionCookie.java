package io.github.sessionfilter.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cookie that carries the session token: HttpOnly, SameSite, Secure per {@link CookieSecurity},
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
    private final String name;
    private final boolean prefixedWhenSecure;
    private final SameSite sameSite;
    private final CookieSecurity security;
    private final Duration maxAge;
    private final String domain;
    private final String path;
    private final String attributes;

    /** A cookie with exactly this name, {@code Path=/} and no further attributes. */
    public SessionCookie(String name, SameSite sameSite, CookieSecurity security, Duration maxAge, String domain) {
        this(name, false, sameSite, security, maxAge, domain, "/", Map.of());
    }

    /**
     * @param prefixedWhenSecure whether {@code name} is a default that takes a {@code __Host-} or
     *                           {@code __Secure-} prefix whenever the cookie is Secure
     * @param maxAge             null for a browser-session cookie
     * @param domain             null for a host-only cookie
     * @param path               the Path attribute, already valid cookie-path text (ignored for a {@code __Host-} name)
     * @param attributes         further attributes, already valid; an empty value writes the name alone
     */
    public SessionCookie(String name, boolean prefixedWhenSecure, SameSite sameSite, CookieSecurity security,
                         Duration maxAge, String domain, String path, Map<String, String> attributes) {
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

    /** Every value the request carries under its cookie name (a browser may send several). */
    List<String> read(HttpServletRequest request) {
        String expected = name(request);
        List<String> values = new ArrayList<>(1);
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (expected.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
                    values.add(cookie.getValue());
                }
            }
        }
        return values;
    }

    void write(HttpServletRequest request, HttpServletResponse response, String token) {
        response.addHeader("Set-Cookie", header(request, token,
                maxAge == null ? null : maxAge.getSeconds()));
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
