package io.github.sessionfilter.core;

import java.security.SecureRandom;
import java.util.Base64;

/** Generates session ids: 192 bits from {@link SecureRandom}, URL-safe base64 (32 characters). */
public final class SessionIds {
    private static final int BYTES = 24;
    private final SecureRandom random = new SecureRandom();

    public String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the text has the shape of an id this class generates. */
    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != 32) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The first characters of an id, safe to log. */
    public static String abbreviate(String id) {
        return id == null ? "null" : id.substring(0, Math.min(6, id.length())) + "…";
    }
}
