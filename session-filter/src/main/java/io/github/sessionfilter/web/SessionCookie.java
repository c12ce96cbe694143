package io.github.sessionfilter.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cookie that carries the session token: HttpOnly, SameSite, Secure per {@link CookieSecurity},
 * Path = context path, no Max-Age unless configured. Written as a raw {@code Set-Cookie} header so
 * SameSite works on every container.
 */
public final class SessionCookie {
    private final String name;
    private final SameSite sameSite;
    private final CookieSecurity security;
    private final Duration maxAge;
    private final String domain;

    /**
     * @param maxAge null for a browser-session cookie
     * @param domain null for a host-only cookie
     */
    public SessionCookie(String name, SameSite sameSite, CookieSecurity security, Duration maxAge, String domain) {
        this.name = name;
        this.sameSite = sameSite;
        this.security = security;
        this.maxAge = maxAge;
        this.domain = domain;
    }

    public String name() {
        return name;
    }

    /** Every value the request carries under our name (a browser may send several). */
    List<String> read(HttpServletRequest request) {
        List<String> values = new ArrayList<>(1);
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (name.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
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
        StringBuilder header = new StringBuilder(name).append('=').append(value);
        String path = request.getContextPath();
        header.append("; Path=").append(path == null || path.isEmpty() ? "/" : path);
        if (domain != null) {
            header.append("; Domain=").append(domain);
        }
        if (maxAgeSeconds != null) {
            header.append("; Max-Age=").append(maxAgeSeconds);
        }
        if (security.isSecure(request)) {
            header.append("; Secure");
        }
        header.append("; HttpOnly; SameSite=").append(sameSite.attribute());
        return header.toString();
    }
}
