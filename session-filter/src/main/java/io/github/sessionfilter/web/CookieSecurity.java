package io.github.sessionfilter.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/** When the session cookie carries the Secure attribute. */
public enum CookieSecurity {
    /**
     * Secure when the request is HTTPS or arrived through a TLS-terminating proxy that says so with
     * {@code X-Forwarded-Proto: https} (Cloud Run, most load balancers). The default.
     */
    AUTO,
    /** Always Secure: the browser never sends the cookie over plain HTTP. */
    ALWAYS,
    /** Never Secure: only for plain-HTTP development setups. */
    NEVER;

    public static CookieSecurity parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be auto, always or never");
        }
    }

    boolean isSecure(HttpServletRequest request) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> request.isSecure() || forwardedHttps(request.getHeader("X-Forwarded-Proto"));
        };
    }

    private static boolean forwardedHttps(String header) {
        if (header == null) {
            return false;
        }
        int comma = header.indexOf(',');
        String first = comma < 0 ? header : header.substring(0, comma);
        return "https".equalsIgnoreCase(first.trim());
    }
}
