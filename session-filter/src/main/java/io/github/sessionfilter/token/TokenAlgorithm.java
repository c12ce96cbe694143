package io.github.sessionfilter.token;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The HMAC algorithms a session token may be signed with.
 *
 * <p>Only symmetric HMAC-SHA2 algorithms exist here on purpose: the same service signs and
 * verifies, so there is no public key to publish, and "none" or asymmetric algorithms can never
 * be configured. Each constant knows the minimum key size RFC 7518 section 3.2 requires (a key
 * at least as long as the hash output) and its JWS {@code alg} name.
 */
public enum TokenAlgorithm {
    /** HMAC using SHA-256; keys of at least 32 bytes. The default. */
    HS256(32, "HmacSHA256"),
    /** HMAC using SHA-384; keys of at least 48 bytes. */
    HS384(48, "HmacSHA384"),
    /** HMAC using SHA-512; keys of at least 64 bytes. */
    HS512(64, "HmacSHA512");

    private final int minimumKeyBytes;
    private final String jcaName;

    TokenAlgorithm(int minimumKeyBytes, String jcaName) {
        this.minimumKeyBytes = minimumKeyBytes;
        this.jcaName = jcaName;
    }

    /** The smallest key, in bytes, this algorithm accepts (RFC 7518 section 3.2). */
    public int minimumKeyBytes() {
        return minimumKeyBytes;
    }

    /** The value of the JWS {@code alg} header for this algorithm, e.g. {@code "HS256"}. */
    public String jwsName() {
        return name();
    }

    /** The JCA algorithm name, used to label {@link javax.crypto.SecretKey}s. */
    String jcaName() {
        return jcaName;
    }

    /**
     * Parses a configured algorithm name. Exact, case-sensitive JWS names only (surrounding
     * whitespace is ignored), so a typo or a lowercase "none" fails at start-up.
     *
     * @throws IllegalArgumentException naming the allowed values, for anything else
     */
    public static TokenAlgorithm parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        for (TokenAlgorithm algorithm : values()) {
            if (algorithm.jwsName().equals(trimmed)) {
                return algorithm;
            }
        }
        String shown = text == null ? "nothing" : "'" + trimmed + "'";
        throw new IllegalArgumentException(
                "unsupported token algorithm " + shown + "; allowed: " + allowedNames());
    }

    private static String allowedNames() {
        return Arrays.stream(values()).map(TokenAlgorithm::jwsName).collect(Collectors.joining(", "));
    }
}
