package io.github.sessionfilter.token;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC keys session tokens are signed and verified with, parsed once from configuration.
 *
 * <p>Promises: the set is never empty; every key id is unique and matches
 * {@code [A-Za-z0-9._-]{1,64}}; every key is long enough for the algorithm it was parsed for.
 * The first key signs new tokens, every key verifies, so keys can be rotated by putting a new
 * key first and dropping the old one once its tokens have expired. Secrets never leave this
 * package and never appear in {@link #toString()} or in a parse error.
 */
public final class SigningKeys {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");
    /**
     * Key ids are echoed in error messages only when they are this short: a pair written the
     * wrong way round ("secret:kid") would otherwise print the secret. A usable HS256 secret is
     * at least 43 base64url characters, so nothing this short can be one.
     */
    private static final int MAX_ECHOED_KEY_ID = 32;

    private final TokenAlgorithm algorithm;
    private final Map<String, SecretKey> keysById;
    private final String signingKeyId;

    private SigningKeys(TokenAlgorithm algorithm, Map<String, SecretKey> keysById) {
        this.algorithm = algorithm;
        this.keysById = Collections.unmodifiableMap(keysById);
        this.signingKeyId = keysById.keySet().iterator().next();
    }

    /**
     * Parses comma-separated {@code kid:secret} pairs, the secret in base64url (padding
     * optional). Whitespace around pairs, key ids and secrets is ignored.
     *
     * @throws IllegalArgumentException listing every problem found; the message never contains
     *                                  a secret or any part of one
     */
    public static SigningKeys parse(String text, TokenAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("invalid signing keys: no keys given; expected"
                    + " comma-separated kid:secret pairs with base64url secrets of at least "
                    + algorithm.minimumKeyBytes() + " bytes, e.g. k1:<secret>");
        }
        List<String> problems = new ArrayList<>();
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String[] pairs = text.split(",", -1);
        for (int i = 0; i < pairs.length; i++) {
            parsePair(pairs[i].strip(), i + 1, algorithm, keys, problems);
        }
        if (!problems.isEmpty()) {
            String plural = problems.size() == 1 ? " problem" : " problems";
            throw new IllegalArgumentException("invalid signing keys (" + problems.size() + plural
                    + "; secrets are not shown):\n - " + String.join("\n - ", problems));
        }
        return new SigningKeys(algorithm, keys);
    }

    private static void parsePair(String pair, int position, TokenAlgorithm algorithm,
                                  Map<String, SecretKey> keys, List<String> problems) {
        String where = "pair " + position;
        if (pair.isEmpty()) {
            problems.add(where + " is empty (stray comma?)");
            return;
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            problems.add(where + " has no ':' between key id and secret");
            return;
        }
        String kid = pair.substring(0, colon).strip();
        String secret = pair.substring(colon + 1).strip();
        boolean validKid = KEY_ID.matcher(kid).matches();
        if (!validKid) {
            problems.add(where + ": key id must match [A-Za-z0-9._-]{1,64}");
        }
        String label = validKid && kid.length() <= MAX_ECHOED_KEY_ID
                ? "key '" + kid + "'" : where;
        if (validKid && keys.containsKey(kid)) {
            problems.add(label + " (" + where + ") appears more than once; key ids must be unique");
        }
        byte[] bytes = decodeSecret(secret, label, problems);
        if (bytes == null) {
            return;
        }
        if (bytes.length < algorithm.minimumKeyBytes()) {
            problems.add(label + " has " + bytes.length * 8 + " bits; " + algorithm.jwsName()
                    + " needs at least " + algorithm.minimumKeyBytes() * 8);
        } else if (validKid && !keys.containsKey(kid)) {
            keys.put(kid, new SecretKeySpec(bytes, algorithm.jcaName()));
        }
        Arrays.fill(bytes, (byte) 0);
    }

    /** Returns the decoded secret, or null after recording why it is unusable. */
    private static byte[] decodeSecret(String secret, String label, List<String> problems) {
        if (secret.isEmpty()) {
            problems.add(label + " has an empty secret");
            return null;
        }
        if (secret.indexOf('+') >= 0 || secret.indexOf('/') >= 0) {
            problems.add(label + " secret is standard base64 ('+' or '/'); use base64url,"
                    + " with '-' and '_' instead");
            return null;
        }
        String unpadded = secret.endsWith("==") ? secret.substring(0, secret.length() - 2)
                : secret.endsWith("=") ? secret.substring(0, secret.length() - 1) : secret;
        if (!BASE64URL.matcher(unpadded).matches() || unpadded.length() % 4 == 1) {
            problems.add(label + " secret is not valid base64url (allowed: A-Z a-z 0-9 - _,"
                    + " optional '=' padding)");
            return null;
        }
        return Base64.getUrlDecoder().decode(unpadded);
    }

    /** The algorithm these keys were checked against. */
    public TokenAlgorithm algorithm() {
        return algorithm;
    }

    /** The id of the key that signs new tokens: the first pair in the configuration. */
    public String signingKeyId() {
        return signingKeyId;
    }

    /** Every key id that verifies, in configuration order (the signing key first). */
    public Set<String> keyIds() {
        return keysById.keySet();
    }

    SecretKey signingKey() {
        return keysById.get(signingKeyId);
    }

    Optional<SecretKey> verificationKey(String keyId) {
        return Optional.ofNullable(keysById.get(keyId));
    }

    /** Names the key ids only; secrets are masked. */
    @Override
    public String toString() {
        return "SigningKeys[algorithm=" + algorithm + ", signingKeyId=" + signingKeyId
                + ", keyIds=" + keysById.keySet() + ", secrets=****]";
    }
}
