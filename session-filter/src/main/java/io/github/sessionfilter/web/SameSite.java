package io.github.sessionfilter.web;

import java.util.Locale;

/** The SameSite attribute of the session cookie. */
public enum SameSite {
    /** Sent on top-level navigations from other sites, not on their sub-requests. The default. */
    LAX("Lax"),
    /** Never sent on requests started by other sites; users arriving from a link look logged out. */
    STRICT("Strict"),
    /** Always sent, also cross-site; requires Secure. Only for apps embedded in other sites. */
    NONE("None");

    private final String attribute;

    SameSite(String attribute) {
        this.attribute = attribute;
    }

    public String attribute() {
        return attribute;
    }


    @Override
    public String toString() {
        return attribute.toLowerCase(Locale.ROOT);
    }
}
