package io.github.sessionfilter.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SigningKeysTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A secret whose base64url form has both '-' and '_', so '+'/'/' variants are easy to make. */
    private static byte[] secretWithUrlSafeChars(int n) {
        while (true) {
            byte[] bytes = randomBytes(n);
            String text = b64url(bytes);
            if (text.contains("-") && text.contains("_")) {
                return bytes;
            }
        }
    }

    private static IllegalArgumentException parseFails(String text) {
        return assertThrows(IllegalArgumentException.class,
                () -> SigningKeys.parse(text, TokenAlgorithm.HS256));
    }

    /** No 8-character run of the secret may appear: catches whole and partial leaks. */
    private static void assertNoPartOf(String secret, String text) {
        for (int i = 0; i + 8 <= secret.length(); i++) {
            String part = secret.substring(i, i + 8);
            assertFalse(text.contains(part), "leaks secret fragment '" + part + "' in: " + text);
        }
    }

    @Test
    void parse_pairs_firstKeySignsAndAllVerifyInOrder() {
        byte[] one = randomBytes(32);
        byte[] two = randomBytes(40);
        SigningKeys keys = SigningKeys.parse(" k1:" + b64url(one) + " , old.key-2_x:" + b64url(two) + " ",
                TokenAlgorithm.HS256);

        assertEquals("k1", keys.signingKeyId());
        assertEquals(List.of("k1", "old.key-2_x"), List.copyOf(keys.keyIds()));
        assertArrayEquals(one, keys.signingKey().getEncoded());
        assertArrayEquals(two, keys.verificationKey("old.key-2_x").orElseThrow().getEncoded());
        assertTrue(keys.verificationKey("k3").isEmpty());
        assertEquals(TokenAlgorithm.HS256, keys.algorithm());
    }

    @Test
    void parse_paddedSecret_isAccepted() {
        byte[] secret = randomBytes(32); // 32 bytes -> 43 chars + one '='
        SigningKeys keys = SigningKeys.parse("k1:" + Base64.getUrlEncoder().encodeToString(secret),
                TokenAlgorithm.HS256);
        assertArrayEquals(secret, keys.signingKey().getEncoded());
    }

    @Test
    void parse_keyIds_cannotBeModified() {
        SigningKeys keys = SigningKeys.parse("k1:" + b64url(randomBytes(32)), TokenAlgorithm.HS256);
        assertThrows(UnsupportedOperationException.class, () -> keys.keyIds().add("k2"));
    }

    @Test
    void parse_shortKey_namesKeyAndBitsNeeded() {
        String secret = b64url(randomBytes(16));
        IllegalArgumentException e = parseFails("k1:" + secret);
        assertTrue(e.getMessage().contains("key 'k1' has 128 bits; HS256 needs at least 256"), e.getMessage());
        assertNoPartOf(secret, e.getMessage());
    }

    @Test
    void parse_keyLongEnoughForHs256_isTooShortForHs512() {
        String secret = b64url(randomBytes(32));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SigningKeys.parse("k1:" + secret, TokenAlgorithm.HS512));
        assertTrue(e.getMessage().contains("key 'k1' has 256 bits; HS512 needs at least 512"), e.getMessage());
    }

    @Test
    void parse_standardBase64Secret_isRejectedWithAHint() {
        String urlSafe = b64url(secretWithUrlSafeChars(32));
        String standard = urlSafe.replace('-', '+').replace('_', '/');
        IllegalArgumentException e = parseFails("k1:" + standard);
        assertTrue(e.getMessage().contains("standard base64"), e.getMessage());
        assertTrue(e.getMessage().contains("base64url"), e.getMessage());
        assertNoPartOf(standard, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not*base64url*at*all*but*long*enough*to*pass", "abcd=efgh", "abcde", "ab cd"})
    void parse_invalidBase64UrlSecret_isRejected(String secret) {
        IllegalArgumentException e = parseFails("k1:" + secret);
        assertTrue(e.getMessage().contains("key 'k1' secret is not valid base64url"), e.getMessage());
    }

    @Test
    void parse_duplicateKeyId_isRejected() {
        IllegalArgumentException e = parseFails("k1:" + b64url(randomBytes(32)) + ",k1:" + b64url(randomBytes(32)));
        assertTrue(e.getMessage().contains("key 'k1' (pair 2) appears more than once"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "key id", "k/1", "../k", "clé",
            "a12345678901234567890123456789012345678901234567890123456789012345"})
    void parse_badKeyId_isRejectedWithoutEchoingIt(String kid) {
        IllegalArgumentException e = parseFails(kid + ":" + b64url(randomBytes(32)));
        assertTrue(e.getMessage().contains("pair 1: key id must match [A-Za-z0-9._-]{1,64}"), e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n\t"})
    void parse_noKeys_isRejected(String text) {
        IllegalArgumentException e = parseFails(text);
        assertTrue(e.getMessage().contains("no keys given"), e.getMessage());
    }

    @Test
    void parse_pairWithoutColon_isRejectedWithoutEchoingIt() {
        String secret = b64url(randomBytes(32));
        IllegalArgumentException e = parseFails(secret);
        assertTrue(e.getMessage().contains("pair 1 has no ':'"), e.getMessage());
        assertNoPartOf(secret, e.getMessage());
    }

    @Test
    void parse_emptyPairAndEmptySecret_areRejected() {
        IllegalArgumentException e = parseFails("k1:" + b64url(randomBytes(32)) + ",,k2:");
        assertTrue(e.getMessage().contains("pair 2 is empty"), e.getMessage());
        assertTrue(e.getMessage().contains("key 'k2' has an empty secret"), e.getMessage());
    }

    @Test
    void parse_severalProblems_areAllListedInOneMessage() {
        String shortSecret = b64url(randomBytes(20));
        String standard = b64url(secretWithUrlSafeChars(32)).replace('-', '+').replace('_', '/');
        String good = b64url(randomBytes(32));
        String text = "k1:" + shortSecret + ", k2:" + standard + ", bad kid:" + good + ", k3:" + good + ",k3:" + good;

        IllegalArgumentException e = parseFails(text);

        String m = e.getMessage();
        assertTrue(m.startsWith("invalid signing keys (4 problems"), m);
        assertTrue(m.contains("key 'k1' has 160 bits; HS256 needs at least 256"), m);
        assertTrue(m.contains("key 'k2' secret is standard base64"), m);
        assertTrue(m.contains("pair 3: key id must match"), m);
        assertTrue(m.contains("key 'k3' (pair 5) appears more than once"), m);
        for (String secret : List.of(shortSecret, standard, good)) {
            assertNoPartOf(secret, m);
        }
    }

    @Test
    void parse_pairWrittenBackwards_doesNotEchoTheSecretAsAKeyId() {
        // "secret:kid": the secret is a syntactically valid key id, the "secret" is too short.
        String secret = b64url(randomBytes(32));
        IllegalArgumentException e = parseFails(secret + ":k1");
        assertTrue(e.getMessage().contains("pair 1 has 8 bits"), e.getMessage());
        assertNoPartOf(secret, e.getMessage());
    }

    @Test
    void toString_namesKeyIdsButMasksSecrets() {
        String one = b64url(randomBytes(32));
        String two = b64url(randomBytes(32));
        SigningKeys keys = SigningKeys.parse("k1:" + one + ",k2:" + two, TokenAlgorithm.HS256);

        String text = keys.toString();

        assertTrue(text.contains("k1") && text.contains("k2") && text.contains("****"), text);
        assertNoPartOf(one, text);
        assertNoPartOf(two, text);
    }
}
