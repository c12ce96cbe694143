package io.github.sessionfilter.web;

import jakarta.servlet.http.HttpServletRequest;

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


    boolean isSecure(HttpServletRequest request) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> request.isSecure() || forwardedHttps(request);
        };
    }

    /**
     * Whether the proxy in front says the client used HTTPS: the first {@code proto} of a standard
     * {@code Forwarded} header (RFC 7239), else the first value of {@code X-Forwarded-Proto} (Cloud Run, most
     * load balancers). The first is the one the client-facing proxy wrote. Trusting it only decides the
     * {@code Secure} attribute (and with a default cookie name, its prefix): a client that forges the
     * header on plain HTTP only gets a cookie its browser will not send back.
     */
    static boolean forwardedHttps(HttpServletRequest request) {
        String forwarded = request.getHeader("Forwarded");
        if (forwarded != null) {
            String first = forwarded.split(",", 2)[0];
            for (String pair : first.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("proto")) {
                    return "https".equalsIgnoreCase(unquote(pair.substring(eq + 1).trim()));
                }
            }
        }
        String header = request.getHeader("X-Forwarded-Proto");
        if (header == null) {
            return false;
        }
        return "https".equalsIgnoreCase(header.split(",", 2)[0].trim());
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
