package io.github.sessionfilter.token;

import static io.github.sessionfilter.testing.ForgedTokens.b64;
import static io.github.sessionfilter.testing.ForgedTokens.claims;
import static io.github.sessionfilter.testing.ForgedTokens.hmac;
import static io.github.sessionfilter.testing.ForgedTokens.hs256;
import static io.github.sessionfilter.testing.ForgedTokens.replaceSegment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forged and malformed tokens. Each must come back as {@code Optional.empty()}, never as an
 * exception, and be counted. Forgeries are signed with our own key wherever the attack allows,
 * so that only the defence under test stands between them and acceptance; the control tests
 * prove the forging helpers make tokens the codec would otherwise accept.
 */
class TokenAttackTest {

    static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    static final Duration MAX_LIFETIME = Duration.ofHours(8);
    static final String ISSUER = "https://shop.example/";
    static final String AUDIENCE = "session-filter:shop";
    static final String SESSION_ID = "Qm9uam91ciBsZSBtb25kZSEhIQ";
    static final String OTHER_SESSION_ID = "YWRtaW4tc2Vzc2lvbi1pZC0xMjM0";
    static final String HEADER = "{\"alg\":\"HS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}";

    /** A throwaway attacker key pair and self-signed certificate (CN=attacker.example), for x5c. */
    static final String ATTACKER_EC_PKCS8 = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgEEMM4VQ27iF4Da+lQM5xR1KTk0HDn8nFG8q32YbXb5ahRANCAATmJFv475ZZP2hxjdaNHQH9rpO5MEi5EJuwxIoFxZ4yacVvE48okptYsSCOFTuiISU6DzoFst5dVnkHS1BZss1U";
    static final String ATTACKER_EC_CERT = "MIIBjDCCATOgAwIBAgIUDtTmo8TEMFay3ElSVyhGncJPJo0wCgYIKoZIzj0EAwIwGzEZMBcGA1UEAwwQYXR0YWNrZXIuZXhhbXBsZTAgFw0yNjExMjgwMTA4NTVaGA8yMTI2MTEwNDAxMDg1NVowGzEZMBcGA1UEAwwQYXR0YWNrZXIuZXhhbXBsZTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABOYkW/jvllk/aHGN1o0dAf2uk7kwSLkQm7DEigXFnjJpxW8TjyiSm1ixII4VO6IhJToPOgWy3l1WeQdLUFmyzVSjUzBRMB0GA1UdDgQWBBQdAIIy461PxbnhAE8LPJBqwg3UiDAfBgNVHSMEGDAWgBQdAIIy461PxbnhAE8LPJBqwg3UiDAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIGPm4ChhbWzWgDjRLUJ61Uu7jqq+goLoPgDzhHicqW1dAiByNEEjmgl6QkjwV8O5b0weSfY9BdVSe9ReRG0k2tBuCA==";

    static final SecureRandom RANDOM = new SecureRandom();
    static RsaJsonWebKey attackerRsa;
    static EllipticCurveJsonWebKey attackerEc;

    /**
     * 64 bytes, longer than HS256 needs, as an operator may well configure: long enough that
     * jose4j's own key-length check would accept it for HS384/HS512 too, so only our algorithm
     * restriction stops the same secret being used under another HMAC algorithm.
     */
    final byte[] k1 = randomBytes(64);
    final byte[] k2 = randomBytes(32);
    final SigningKeys keys = SigningKeys.parse("k1:" + b64(k1) + ",k2:" + b64(k2), TokenAlgorithm.HS256);
    final TokenCodec codec = codecFor(AUDIENCE);

    @BeforeAll
    static void generateAttackerKeys() throws JoseException {
        attackerRsa = RsaJwkGenerator.generateJwk(2048);
        attackerEc = EcJwkGenerator.generateJwk(EllipticCurves.P256);
    }

    // ---------------------------------------------------------------- helpers

    TokenCodec codecFor(String audience) {
        return new TokenCodec(keys, TokenAlgorithm.HS256, ISSUER, audience, MAX_LIFETIME,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static String validClaims() {
        return claims(SESSION_ID, NOW.getEpochSecond(), NOW.getEpochSecond() + 600, ISSUER, AUDIENCE);
    }

    /** Our key, our header: the only thing wrong with the token is in {@code payloadJson}. */
    String ours(String payloadJson) {
        return hs256(k1, HEADER, payloadJson);
    }

    /** Our key and a valid payload: the only thing wrong with the token is in {@code headerJson}. */
    String oursWithHeader(String headerJson) {
        return hs256(k1, headerJson, validClaims());
    }

    /** Signs with jose4j (asymmetric algorithms); kid "k1" and typ "JWT" like ours. */
    static String jose4jSigned(String alg, Key key, Consumer<JsonWebSignature> extraHeaders) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(alg);
        jws.setKeyIdHeaderValue("k1");
        jws.setHeader("typ", "JWT");
        extraHeaders.accept(jws);
        jws.setPayload(validClaims());
        jws.setKey(key);
        return jws.getCompactSerialization();
    }

    void assertRejected(String token) {
        long before = codec.rejectedTokens();
        Optional<VerifiedToken> result = codec.verify(token);
        assertEquals(Optional.empty(), result);
        assertEquals(before + 1, codec.rejectedTokens(), "rejection not counted");
    }

    // ---------------------------------------------------------------- controls

    @Nested
    class Controls {
        @Test
        void control_handForgedTokenWithOurKeyAndValidClaims_isAccepted() {
            assertEquals(SESSION_ID, codec.verify(ours(validClaims())).orElseThrow().sessionId());
        }

        @Test
        void control_extraUnknownClaimUnder4096Chars_isAccepted() {
            String padded = validClaims().replace("}", ",\"pad\":\"" + "x".repeat(2500) + "\"}");
            String token = ours(padded);
            assertTrue(token.length() < 4096);
            assertTrue(codec.verify(token).isPresent());
        }

        @Test
        void control_issuedAtWithinClockSkew_isAccepted() {
            long iat = NOW.getEpochSecond() + 20;
            assertTrue(codec.verify(ours(claims(SESSION_ID, iat, iat + 600, ISSUER, AUDIENCE))).isPresent());
        }

        @Test
        void control_tokenSignedWithSecondKey_isAccepted() {
            assertTrue(codec.verify(hs256(k2, HEADER.replace("k1", "k2"), validClaims())).isPresent());
        }
    }

    // ---------------------------------------------------------------- alg none and signatures

    @Nested
    class AlgorithmNoneAndSignatures {
        @ParameterizedTest
        @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
        void verify_algNoneWithEmptySignature_isRejected(String none) {
            String header = "{\"alg\":\"" + none + "\",\"kid\":\"k1\",\"typ\":\"JWT\"}";
            assertRejected(b64(header) + "." + b64(validClaims()) + ".");
        }

        @ParameterizedTest
        @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
        void verify_algNoneWithAValidHmacOverIt_isRejected(String none) {
            assertRejected(oursWithHeader("{\"alg\":\"" + none + "\",\"kid\":\"k1\",\"typ\":\"JWT\"}"));
        }

        @Test
        void verify_jose4jUnsecuredJws_isRejected() throws JoseException {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
            jws.setKeyIdHeaderValue("k1");
            jws.setPayload(validClaims());
            assertRejected(jws.getCompactSerialization());
        }

        @Test
        void verify_signatureStripped_isRejected() {
            String token = codec.issue(SESSION_ID, NOW.plusSeconds(600));
            assertRejected(token.substring(0, token.lastIndexOf('.') + 1));
            assertRejected(token.substring(0, token.lastIndexOf('.')));
        }

        @Test
        void verify_signatureTruncatedToHalf_isRejected() {
            String token = codec.issue(SESSION_ID, NOW.plusSeconds(600));
            byte[] signature = Base64.getUrlDecoder().decode(token.split("\\.")[2]);
            assertRejected(replaceSegment(token, 2, b64(java.util.Arrays.copyOf(signature, 16))));
        }

        @Test
        void verify_signatureWithOneCharacterDropped_isRejected() {
            String token = codec.issue(SESSION_ID, NOW.plusSeconds(600));
            assertRejected(token.substring(0, token.length() - 1));
        }

        @Test
        void verify_allZeroSignature_isRejected() {
            String token = codec.issue(SESSION_ID, NOW.plusSeconds(600));
            assertRejected(replaceSegment(token, 2, b64(new byte[32])));
        }

        @Test
        void verify_payloadChangedUnderOldSignature_isRejected() {
            String token = codec.issue(SESSION_ID, NOW.plusSeconds(600));
            String otherSession = claims(OTHER_SESSION_ID, NOW.getEpochSecond(), NOW.getEpochSecond() + 600, ISSUER, AUDIENCE);
            String longer = claims(SESSION_ID, NOW.getEpochSecond(), NOW.getEpochSecond() + 3600, ISSUER, AUDIENCE);
            assertRejected(replaceSegment(token, 1, b64(otherSession)));
            assertRejected(replaceSegment(token, 1, b64(longer)));
        }

        @Test
        void verify_kidChangedToOurOtherKeyUnderOldSignature_isRejected() {
            String token = codec.issue(SESSION_ID, NOW.plusSeconds(600));
            assertRejected(replaceSegment(token, 0, b64(HEADER.replace("k1", "k2"))));
        }

        @Test
        void verify_headerReEncodedWithSameMeaningUnderOldSignature_isRejected() {
            String token = codec.issue(SESSION_ID, NOW.plusSeconds(600));
            String sameMeaning = "{\"typ\":\"JWT\", \"kid\":\"k1\", \"alg\":\"HS256\"}";
            assertRejected(replaceSegment(token, 0, b64(sameMeaning)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"HS384", "HS512", "RS256", "hs256"})
        void verify_algChangedUnderOldSignature_isRejected(String alg) {
            String token = codec.issue(SESSION_ID, NOW.plusSeconds(600));
            assertRejected(replaceSegment(token, 0, b64(HEADER.replace("HS256", alg))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"JOSE", "jwt", "at+jwt", "application/jwt"})
        void verify_typChangedUnderOldSignature_isRejected(String typ) {
            String token = codec.issue(SESSION_ID, NOW.plusSeconds(600));
            assertRejected(replaceSegment(token, 0, b64(HEADER.replace("\"JWT\"", "\"" + typ + "\""))));
        }

        @Test
        void verify_typMissing_isRejected() {
            assertRejected(oursWithHeader("{\"alg\":\"HS256\",\"kid\":\"k1\"}"));
        }

        @Test
        void verify_nonCanonicalBase64UrlSpellingOfOurSignature_isRejected() {
            String token = codec.issue(SESSION_ID, NOW.plusSeconds(600));
            // 32 signature bytes -> 43 chars; the last char carries 2 data bits and 4 zero bits.
            char last = token.charAt(token.length() - 1);
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            char sibling = alphabet.charAt(alphabet.indexOf(last) | 1);
            String forged = token.substring(0, token.length() - 1) + sibling;
            assertNotEquals(token, forged);
            assertEquals(b64(Base64.getUrlDecoder().decode(forged.split("\\.")[2])), token.split("\\.")[2]);
            assertRejected(forged);
        }
    }

    // ---------------------------------------------------------------- other algorithms

    @Nested
    class OtherAlgorithms {
        @ParameterizedTest
        @ValueSource(strings = {"HS384", "HS512"})
        void verify_strongerHmacWithAttackerKey_isRejectedWhenHs256Configured(String alg) {
            String jca = "HmacSHA" + alg.substring(2);
            assertRejected(hmac(jca, randomBytes(64), HEADER.replace("HS256", alg), validClaims().getBytes(StandardCharsets.UTF_8)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"HS384", "HS512"})
        void verify_ourSecretUnderAnotherHmacAlgorithm_isRejected(String alg) {
            String jca = "HmacSHA" + alg.substring(2);
            assertRejected(hmac(jca, k1, HEADER.replace("HS256", alg), validClaims().getBytes(StandardCharsets.UTF_8)));
        }

        @Test
        void verify_ourSecretUnderSha1Hmac_isRejected() {
            assertRejected(hmac("HmacSHA1", k1, HEADER.replace("HS256", "HS1"), validClaims().getBytes(StandardCharsets.UTF_8)));
        }

        @Test
        void verify_rs256SignedByAttacker_isRejected() throws JoseException {
            assertRejected(jose4jSigned(AlgorithmIdentifiers.RSA_USING_SHA256, attackerRsa.getPrivateKey(), jws -> { }));
        }

        @Test
        void verify_ps256SignedByAttacker_isRejected() throws JoseException {
            assertRejected(jose4jSigned(AlgorithmIdentifiers.RSA_PSS_USING_SHA256, attackerRsa.getPrivateKey(), jws -> { }));
        }

        @Test
        void verify_es256SignedByAttacker_isRejected() throws JoseException {
            assertRejected(jose4jSigned(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, attackerEc.getPrivateKey(), jws -> { }));
        }
    }

    // ---------------------------------------------------------------- keys named by the token

    @Nested
    class KeysNamedByTheToken {
        @Test
        void verify_embeddedRsaJwkSigningItsOwnToken_isRejected() throws JoseException {
            assertRejected(jose4jSigned(AlgorithmIdentifiers.RSA_USING_SHA256, attackerRsa.getPrivateKey(),
                    jws -> jws.setJwkHeader(attackerRsa)));
        }

        @Test
        void verify_embeddedSymmetricJwkSigningItsOwnToken_isRejected() {
            byte[] attackerSecret = randomBytes(32);
            String header = "{\"alg\":\"HS256\",\"kid\":\"k1\",\"typ\":\"JWT\",\"jwk\":{\"kty\":\"oct\",\"k\":\""
                    + b64(attackerSecret) + "\"}}";
            assertRejected(hs256(attackerSecret, header, validClaims()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"jku", "x5u"})
        void verify_keyUrlHeader_isRejectedAndNothingIsFetched(String header) throws Exception {
            try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                String url = "http://127.0.0.1:" + server.getLocalPort() + "/keys.json";
                String attackerSigned = jose4jSigned(AlgorithmIdentifiers.RSA_USING_SHA256,
                        attackerRsa.getPrivateKey(), jws -> jws.setHeader(header, url));
                String oursSigned = oursWithHeader(HEADER.replace("}", ",\"" + header + "\":\"" + url + "\"}"));

                // A synchronous fetch would block on our silent server: bound it instead of hanging.
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertRejected(attackerSigned));
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertRejected(oursSigned));

                server.setSoTimeout(500);
                assertThrows(SocketTimeoutException.class, server::accept,
                        "verify() opened a connection to the URL in the " + header + " header");
            }
        }

        @Test
        void verify_x5cCertificateChainSigningItsOwnToken_isRejected() throws Exception {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(ATTACKER_EC_CERT)));
            Key privateKey = KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(ATTACKER_EC_PKCS8)));
            String token = jose4jSigned(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, privateKey,
                    jws -> jws.setCertificateChainHeaderValue(cert));
            assertTrue(token.length() < 4096, "must reach the header checks, not the size limit");
            assertRejected(token);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}",
                "\"jku\":\"https://attacker.example/jwks\"",
                "\"x5u\":\"https://attacker.example/cert.pem\"",
                "\"x5c\":[\"MIIB\"]",
                "\"x5t\":\"AAAA\"",
                "\"crit\":[\"exp\"],\"exp\":1",
                "\"crit\":[\"b64\"],\"b64\":true",
                "\"zip\":\"DEF\"",
                "\"cty\":\"JWT\"",
                "\"enc\":\"A256GCM\"",
                "\"x-custom\":1"})
        void verify_anyHeaderBeyondAlgKidTyp_isRejectedEvenWhenSignedWithOurKey(String extra) {
            assertRejected(oursWithHeader(HEADER.replace("}", "," + extra + "}")));
        }
    }

    // ---------------------------------------------------------------- kid

    @Nested
    class KeyIds {
        @ParameterizedTest
        @ValueSource(strings = {"k3", "K1", "k1 ", "", "../../dev/null", "/dev/null", "ключ", "k1\\u0000", "k\\u00e91"})
        void verify_kidNotOneOfOurs_isRejectedEvenWithOurSignature(String kid) {
            assertRejected(oursWithHeader("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "null", "[\"k1\"]", "{\"id\":\"k1\"}", "true"})
        void verify_kidNotAString_isRejected(String kidJson) {
            assertRejected(oursWithHeader("{\"alg\":\"HS256\",\"kid\":" + kidJson + ",\"typ\":\"JWT\"}"));
        }

        @Test
        void verify_kidMissing_isRejected() {
            assertRejected(oursWithHeader("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
        }

        @Test
        void verify_kid2500CharactersLong_isRejected() {
            String token = oursWithHeader("{\"alg\":\"HS256\",\"kid\":\"" + "k".repeat(2500) + "\",\"typ\":\"JWT\"}");
            assertTrue(token.length() < 4096);
            assertRejected(token);
        }

        @Test
        void verify_kid10000CharactersLong_isRejected() {
            assertRejected(oursWithHeader("{\"alg\":\"HS256\",\"kid\":\"" + "k".repeat(10_000) + "\",\"typ\":\"JWT\"}"));
        }
    }

    // ---------------------------------------------------------------- claims

    @Nested
    class Claims {
        final long now = NOW.getEpochSecond();

        @Test
        void verify_expired_isRejected() {
            assertRejected(ours(claims(SESSION_ID, now - 600, now - 1, ISSUER, AUDIENCE)));
            assertRejected(ours(claims(SESSION_ID, now - 600, now, ISSUER, AUDIENCE)));
        }

        @Test
        void verify_notBeforeInTheFuture_isRejected() {
            assertRejected(ours(validClaims().replace("}", ",\"nbf\":" + (now + 60) + "}")));
        }

        @Test
        void verify_issuedInTheFutureBeyondSkew_isRejected() {
            assertRejected(ours(claims(SESSION_ID, now + 120, now + 600, ISSUER, AUDIENCE)));
        }

        @Test
        void verify_lifetimeBeyondMaximum_isRejected() {
            assertRejected(ours(claims(SESSION_ID, now, now + MAX_LIFETIME.toSeconds() + 3600, ISSUER, AUDIENCE)));
            // Issued long ago, so each claim alone looks plausible: only exp - iat gives it away.
            assertRejected(ours(claims(SESSION_ID, now - MAX_LIFETIME.toSeconds(), now + 600, ISSUER, AUDIENCE)));
        }

        @Test
        void verify_expiryBeforeIssuedAt_isRejected() {
            assertRejected(ours(claims(SESSION_ID, now + 10, now + 5, ISSUER, AUDIENCE)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://evil.example/", "https://shop.example", "HTTPS://SHOP.EXAMPLE/", ""})
        void verify_wrongIssuer_isRejected(String issuer) {
            assertRejected(ours(claims(SESSION_ID, now, now + 600, issuer, AUDIENCE)));
        }

        @Test
        void verify_tokenForAnotherAudienceWithTheSameKey_isRejected() {
            String adminToken = codecFor("session-filter:admin").issue(SESSION_ID, NOW.plusSeconds(600));
            assertRejected(adminToken);
        }

        @Test
        void verify_audienceArrayContainingOurs_isRejected() {
            assertRejected(ours(validClaims().replace("\"aud\":\"" + AUDIENCE + "\"",
                    "\"aud\":[\"" + AUDIENCE + "\",\"session-filter:admin\"]")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"sub", "iat", "exp", "iss", "aud"})
        void verify_requiredClaimMissing_isRejected(String claim) {
            String payload = validClaims().replaceFirst("\"" + claim + "\":(\"[^\"]*\"|[0-9]+),?", "").replace(",}", "}");
            assertTrue(!payload.contains("\"" + claim + "\""), payload);
            assertRejected(ours(payload));
        }

        @ParameterizedTest
        @ValueSource(strings = {"short", "../../etc/passwd", "Qm9uam91ciBsZSBtb25kZSEhIQ==", "Qm9uam91ciBsZSBtb25kZSEh+Q"})
        void verify_subjectNotASessionId_isRejected(String sub) {
            assertRejected(ours(claims(sub, now, now + 600, ISSUER, AUDIENCE)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"exp\":\"tomorrow\"", "\"exp\":1e300", "\"exp\":-1", "\"exp\":null"})
        void verify_malformedExpiry_isRejected(String exp) {
            assertRejected(ours(validClaims().replaceFirst("\"exp\":[0-9]+", exp)));
        }
    }

    // ---------------------------------------------------------------- JSON and encodings

    @Nested
    class JsonAndEncodings {
        @Test
        void verify_duplicateSubInPayload_isRejected() {
            // Parsers disagree on which duplicate wins; one of them would see the admin session.
            String payload = validClaims().replace("{", "{\"sub\":\"" + OTHER_SESSION_ID + "\",");
            assertRejected(ours(payload));
        }

        @Test
        void verify_duplicateKeyHiddenByUnicodeEscape_isRejected() {
            String payload = validClaims().replace("{", "{\"s\\u0075b\":\"" + OTHER_SESSION_ID + "\",");
            assertRejected(ours(payload));
        }

        @Test
        void verify_duplicateAlgInHeader_isRejected() {
            assertRejected(oursWithHeader("{\"alg\":\"none\",\"alg\":\"HS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}"));
            assertRejected(oursWithHeader("{\"alg\":\"HS256\",\"kid\":\"k3\",\"kid\":\"k1\",\"typ\":\"JWT\"}"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"hello", "[1,2,3]", "\"a string\"", "42", "{", "{\"sub\":}", "null", "{} {}"})
        void verify_payloadNotAJsonObject_isRejected(String payload) {
            assertRejected(ours(payload));
        }

        @Test
        void verify_deeplyNestedPayloadFromAttacker_isRejectedWithoutThrowing() {
            // jose4j parses the payload before it checks the signature: the parser sees this.
            String payload = validClaims().replace("}", ",\"x\":" + "[".repeat(1400) + "]".repeat(1400) + "}");
            String token = hs256(randomBytes(32), HEADER, payload);
            assertTrue(token.length() <= 4096);
            assertRejected(token);
        }

        @Test
        void verify_headerNotJson_isRejected() {
            assertRejected(oursWithHeader("not json"));
            assertRejected(oursWithHeader("[\"HS256\"]"));
        }

        @Test
        void verify_payloadNotUtf8_isRejected() {
            byte[] payload = validClaims().replace("shop", "sh\u00f8p").getBytes(StandardCharsets.ISO_8859_1);
            assertRejected(hmac("HmacSHA256", k1, HEADER, payload));
        }

        @Test
        void verify_zipHeaderWithDeflatedPayload_isRejected() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DeflaterOutputStream deflate = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
                deflate.write(validClaims().getBytes(StandardCharsets.UTF_8));
            }
            assertRejected(hmac("HmacSHA256", k1, HEADER.replace("}", ",\"zip\":\"DEF\"}"), out.toByteArray()));
        }

        @Test
        void verify_jweFiveSegmentTokenEncryptedWithOurSecret_isRejected() throws JoseException {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.DIRECT);
            // A256CBC-HS512 takes a 64-byte key: our signing secret, exactly as configured.
            jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_CBC_HMAC_SHA_512);
            jwe.setKeyIdHeaderValue("k1");
            jwe.setPayload(validClaims());
            jwe.setKey(new SecretKeySpec(k1, "AES"));
            jwe.setHeader("typ", "JWT");
            String token = jwe.getCompactSerialization();
            assertEquals(5, token.split("\\.", -1).length);
            assertRejected(token);
        }

        @Test
        void verify_nestedJwtInsideOurJws_isRejected() {
            String inner = ours(validClaims());
            String outer = hmac("HmacSHA256", k1, HEADER.replace("}", ",\"cty\":\"JWT\"}"),
                    inner.getBytes(StandardCharsets.US_ASCII));
            assertRejected(outer);
        }
    }

    // ---------------------------------------------------------------- shape, before any parsing

    @Nested
    class Shape {
        @Test
        void verify_null_isRejected() {
            assertRejected(null);
        }

        @Test
        void verify_empty_isRejected() {
            assertRejected("");
        }

        @Test
        void verify_over4096Characters_isRejectedEvenWhenSignedWithOurKey() {
            String padded = validClaims().replace("}", ",\"pad\":\"" + "x".repeat(3000) + "\"}");
            String token = ours(padded);
            assertTrue(token.length() > 4096);
            assertRejected(token);
        }

        @Test
        void verify_twoSegments_isRejected() {
            String token = codec.issue(SESSION_ID, NOW.plusSeconds(600));
            assertRejected(token.substring(0, token.lastIndexOf('.')));
        }

        @Test
        void verify_fourSegments_isRejected() {
            String token = codec.issue(SESSION_ID, NOW.plusSeconds(600));
            assertRejected(token + ".");
            assertRejected(token + "." + token.split("\\.")[2]);
        }

        @ParameterizedTest
        @ValueSource(strings = {".", "..", "...", "a..c", ".b.c", "a.b."})
        void verify_emptySegments_areRejected(String token) {
            assertRejected(token);
        }

        @ParameterizedTest
        @ValueSource(strings = {"+", "/", "=", " ", "\n", "\u00e9", "\u0000", "%2E", "\uFF0E"})
        void verify_characterOutsideBase64Url_isRejected(String bad) {
            String token = codec.issue(SESSION_ID, NOW.plusSeconds(600));
            int middle = token.indexOf('.') + 5;
            assertRejected(token.substring(0, middle) + bad + token.substring(middle));
        }

        @Test
        void verify_paddedOrWhitespaceWrappedToken_isRejected() {
            String token = codec.issue(SESSION_ID, NOW.plusSeconds(600));
            assertRejected(token + "=");
            assertRejected(" " + token);
            assertRejected(token + "\r\n");
        }

        @Test
        void verify_segmentWithImpossibleBase64Length_isRejected() {
            String token = codec.issue(SESSION_ID, NOW.plusSeconds(600));
            assertRejected(replaceSegment(token, 1, token.split("\\.")[1] + "A".repeat(4 - token.split("\\.")[1].length() % 4 + 1)));
        }
    }

    @Test
    void rejectedTokens_increasesByOnePerRejection() {
        assertEquals(0, codec.rejectedTokens());
        codec.verify(null);
        codec.verify("");
        codec.verify(ours(claims(SESSION_ID, NOW.getEpochSecond() - 600, NOW.getEpochSecond() - 1, ISSUER, AUDIENCE)));
        codec.verify(ours(validClaims()));
        assertEquals(3, codec.rejectedTokens());
    }
}
