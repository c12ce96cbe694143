package io.github.sessionfilter.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
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

/**
 * Every class of forged session token from the security issue, aimed at one real victim session, for
 * sending as a cookie to a running server. Forgeries are signed with the server's own key wherever
 * the attack allows, so that only the defence under test stands between them and the victim's
 * session. The helpers are copied from {@code codec.TokenAttackTest}, which attacks the codec alone.
 */
public final class ForgedTokens {

    /** One forgery: the attack class, a short description, the token. */
    public record Forgery(String attackClass, String description, String token) {
        @Override
        public String toString() {
            return attackClass + ": " + description;
        }
    }

    /** A throwaway attacker key pair and self-signed certificate (CN=attacker.example), for x5c. */
    private static final String ATTACKER_EC_PKCS8 = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgEEMM4VQ27iF4Da+lQM5xR1KTk0HDn8nFG8q32YbXb5ahRANCAATmJFv475ZZP2hxjdaNHQH9rpO5MEi5EJuwxIoFxZ4yacVvE48okptYsSCOFTuiISU6DzoFst5dVnkHS1BZss1U";
    private static final String ATTACKER_EC_CERT = "MIIBjDCCATOgAwIBAgIUDtTmo8TEMFay3ElSVyhGncJPJo0wCgYIKoZIzj0EAwIwGzEZMBcGA1UEAwwQYXR0YWNrZXIuZXhhbXBsZTAgFw0yNjExMjgwMTA4NTVaGA8yMTI2MTEwNDAxMDg1NVowGzEZMBcGA1UEAwwQYXR0YWNrZXIuZXhhbXBsZTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABOYkW/jvllk/aHGN1o0dAf2uk7kwSLkQm7DEigXFnjJpxW8TjyiSm1ixII4VO6IhJToPOgWy3l1WeQdLUFmyzVSjUzBRMB0GA1UdDgQWBBQdAIIy461PxbnhAE8LPJBqwg3UiDAfBgNVHSMEGDAWgBQdAIIy461PxbnhAE8LPJBqwg3UiDAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIGPm4ChhbWzWgDjRLUJ61Uu7jqq+goLoPgDzhHicqW1dAiByNEEjmgl6QkjwV8O5b0weSfY9BdVSe9ReRG0k2tBuCA==";

    private final byte[] k1;
    private final byte[] k2;
    private final String issuer;
    private final String audience;
    private final String victimId;
    private final long now;
    private final long maxLifetimeSeconds;
    private final String header;
    private final RsaJsonWebKey attackerRsa;
    private final EllipticCurveJsonWebKey attackerEc;

    /**
     * @param k1 the server's signing secret (kid {@code k1}); should be 64 bytes so that the same
     *           secret would also be accepted by HS384/HS512 if the server allowed them
     * @param k2 the server's second, verifying-only secret (kid {@code k2})
     */
    public ForgedTokens(byte[] k1, byte[] k2, String issuer, String audience, String victimId, Instant now,
                        long maxLifetimeSeconds) {
        this.k1 = k1.clone();
        this.k2 = k2.clone();
        this.issuer = issuer;
        this.audience = audience;
        this.victimId = victimId;
        this.now = now.getEpochSecond();
        this.maxLifetimeSeconds = maxLifetimeSeconds;
        this.header = "{\"alg\":\"HS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}";
        try {
            this.attackerRsa = RsaJwkGenerator.generateJwk(2048);
            this.attackerEc = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ helpers

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String claims(String sub, long iat, long exp, String iss, String aud) {
        return "{\"sub\":\"" + sub + "\",\"iat\":" + iat + ",\"exp\":" + exp
                + ",\"iss\":\"" + iss + "\",\"aud\":\"" + aud + "\"}";
    }

    /** Claims the server would accept for the victim's session. */
    public String validClaims() {
        return claims(victimId, now, now + 600, issuer, audience);
    }

    /** Signs raw header and payload bytes exactly as given, with any JCA HMAC algorithm. */
    public static String hmac(String jcaAlgorithm, byte[] key, String headerJson, byte[] payload) {
        String input = b64(headerJson) + "." + b64(payload);
        try {
            Mac mac = Mac.getInstance(jcaAlgorithm);
            mac.init(new SecretKeySpec(key, jcaAlgorithm));
            return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hs256(byte[] key, String headerJson, String payloadJson) {
        return hmac("HmacSHA256", key, headerJson, payloadJson.getBytes(StandardCharsets.UTF_8));
    }

    /** Our key, our header: the only thing wrong is in {@code payloadJson}. */
    public String ours(String payloadJson) {
        return hs256(k1, header, payloadJson);
    }

    /** Our key and valid claims: the only thing wrong is in {@code headerJson}. */
    public String oursWithHeader(String headerJson) {
        return hs256(k1, headerJson, validClaims());
    }

    /** A token the server accepts for the victim: the control that proves the helpers forge real tokens. */
    public String control() {
        return ours(validClaims());
    }

    private String jose4jSigned(String alg, Key key, Consumer<JsonWebSignature> extraHeaders) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmHeaderValue(alg);
            jws.setKeyIdHeaderValue("k1");
            jws.setHeader("typ", "JWT");
            extraHeaders.accept(jws);
            jws.setPayload(validClaims());
            jws.setKey(key);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String replaceSegment(String token, int index, String segment) {
        String[] parts = token.split("\\.", -1);
        parts[index] = segment;
        return String.join(".", parts);
    }

    // ------------------------------------------------------------------ the forgeries

    /**
     * Every forgery that can travel in a Cookie header (visible ASCII). Tokens with control characters
     * or non-ASCII cannot be sent by a real client and are covered by {@code TokenAttackTest}.
     *
     * @param attackerOwnToken a valid token the attacker holds for a session of their own
     * @param keyUrl           a URL that must never be fetched (a silent loopback socket)
     */
    public List<Forgery> all(String attackerOwnToken, String keyUrl) {
        List<Forgery> list = new ArrayList<>();
        algorithmNone(list);
        signatures(list, attackerOwnToken);
        otherAlgorithms(list);
        keysNamedByTheToken(list, keyUrl);
        keyIds(list);
        timeClaims(list);
        issuerAndAudience(list);
        jsonAndEncodings(list);
        shape(list, attackerOwnToken);
        list.removeIf(f -> !f.token().chars().allMatch(c -> c > 0x20 && c < 0x7F && c != ';' && c != ','));
        return list;
    }

    private void algorithmNone(List<Forgery> list) {
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            String h = "{\"alg\":\"" + none + "\",\"kid\":\"k1\",\"typ\":\"JWT\"}";
            list.add(new Forgery("alg none", "alg " + none + ", empty signature", b64(h) + "." + b64(validClaims()) + "."));
            list.add(new Forgery("alg none", "alg " + none + " with a valid HMAC over it", oursWithHeader(h)));
        }
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
            jws.setKeyIdHeaderValue("k1");
            jws.setPayload(validClaims());
            list.add(new Forgery("alg none", "unsecured JWS made by jose4j", jws.getCompactSerialization()));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private void signatures(List<Forgery> list, String own) {
        String valid = control();
        String cls = "stripped or truncated signature";
        list.add(new Forgery(cls, "signature stripped, trailing dot kept", valid.substring(0, valid.lastIndexOf('.') + 1)));
        list.add(new Forgery(cls, "signature segment removed (unsigned, two segments)", valid.substring(0, valid.lastIndexOf('.'))));
        byte[] signature = Base64.getUrlDecoder().decode(valid.split("\\.")[2]);
        list.add(new Forgery(cls, "signature truncated to 16 bytes", replaceSegment(valid, 2, b64(Arrays.copyOf(signature, 16)))));
        list.add(new Forgery(cls, "last signature character dropped", valid.substring(0, valid.length() - 1)));
        list.add(new Forgery(cls, "all-zero signature", replaceSegment(valid, 2, b64(new byte[32]))));
        char last = own.charAt(own.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        list.add(new Forgery(cls, "non-canonical base64url spelling of a real signature",
                own.substring(0, own.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1)));

        cls = "payload changed under the old signature";
        list.add(new Forgery(cls, "attacker's own token, session id swapped for the victim's",
                replaceSegment(own, 1, b64(claims(victimId, now, now + 600, issuer, audience)))));
        list.add(new Forgery(cls, "attacker's own token, expiry extended",
                replaceSegment(own, 1, b64(claims(victimId, now, now + 3600, issuer, audience)))));

        cls = "header changed under the old signature";
        list.add(new Forgery(cls, "kid changed to our other key", replaceSegment(own, 0, b64(header.replace("k1", "k2")))));
        for (String alg : List.of("HS384", "HS512", "RS256", "hs256")) {
            list.add(new Forgery(cls, "alg changed to " + alg, replaceSegment(own, 0, b64(header.replace("HS256", alg)))));
        }
        for (String typ : List.of("JOSE", "jwt", "at+jwt")) {
            list.add(new Forgery(cls, "typ changed to " + typ, replaceSegment(own, 0, b64(header.replace("\"JWT\"", "\"" + typ + "\"")))));
        }
        list.add(new Forgery(cls, "header re-encoded with the same meaning",
                replaceSegment(own, 0, b64("{\"typ\":\"JWT\", \"kid\":\"k1\", \"alg\":\"HS256\"}"))));
        list.add(new Forgery(cls, "typ missing (signed with our key)", oursWithHeader("{\"alg\":\"HS256\",\"kid\":\"k1\"}")));
    }

    private void otherAlgorithms(List<Forgery> list) {
        String cls = "algorithm confusion";
        byte[] payload = validClaims().getBytes(StandardCharsets.UTF_8);
        byte[] attackerSecret = new byte[64];
        new java.security.SecureRandom().nextBytes(attackerSecret);
        for (String alg : List.of("HS384", "HS512")) {
            String jca = "HmacSHA" + alg.substring(2);
            list.add(new Forgery(cls, alg + " with an attacker key", hmac(jca, attackerSecret, header.replace("HS256", alg), payload)));
            list.add(new Forgery(cls, alg + " with our own secret", hmac(jca, k1, header.replace("HS256", alg), payload)));
        }
        list.add(new Forgery(cls, "HMAC-SHA1 with our own secret", hmac("HmacSHA1", k1, header.replace("HS256", "HS1"), payload)));
        list.add(new Forgery(cls, "RS256 signed by the attacker",
                jose4jSigned(AlgorithmIdentifiers.RSA_USING_SHA256, attackerRsa.getPrivateKey(), jws -> { })));
        list.add(new Forgery(cls, "ES256 signed by the attacker",
                jose4jSigned(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, attackerEc.getPrivateKey(), jws -> { })));
        list.add(new Forgery(cls, "token signed with our verify-only second key under kid k1",
                hs256(k2, header, validClaims())));
    }

    private void keysNamedByTheToken(List<Forgery> list, String keyUrl) {
        String cls = "keys or key URLs in the token";
        list.add(new Forgery(cls, "embedded RSA jwk signing its own token",
                jose4jSigned(AlgorithmIdentifiers.RSA_USING_SHA256, attackerRsa.getPrivateKey(), jws -> jws.setJwkHeader(attackerRsa))));
        byte[] attackerSecret = new byte[32];
        new java.security.SecureRandom().nextBytes(attackerSecret);
        list.add(new Forgery(cls, "embedded symmetric jwk signing its own token", hs256(attackerSecret,
                "{\"alg\":\"HS256\",\"kid\":\"k1\",\"typ\":\"JWT\",\"jwk\":{\"kty\":\"oct\",\"k\":\"" + b64(attackerSecret) + "\"}}",
                validClaims())));
        for (String name : List.of("jku", "x5u")) {
            list.add(new Forgery(cls, name + " URL, attacker-signed", jose4jSigned(AlgorithmIdentifiers.RSA_USING_SHA256,
                    attackerRsa.getPrivateKey(), jws -> jws.setHeader(name, keyUrl))));
            list.add(new Forgery(cls, name + " URL, signed with our key",
                    oursWithHeader(header.replace("}", ",\"" + name + "\":\"" + keyUrl + "\"}"))));
        }
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(ATTACKER_EC_CERT)));
            Key privateKey = KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(ATTACKER_EC_PKCS8)));
            list.add(new Forgery(cls, "x5c certificate chain signing its own token", jose4jSigned(
                    AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, privateKey, jws -> jws.setCertificateChainHeaderValue(cert))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (String extra : List.of("\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}", "\"x5c\":[\"MIIB\"]", "\"x5t\":\"AAAA\"",
                "\"crit\":[\"exp\"],\"exp\":1", "\"crit\":[\"b64\"],\"b64\":true", "\"cty\":\"JWT\"", "\"enc\":\"A256GCM\"")) {
            list.add(new Forgery(cls, "extra header " + extra + ", signed with our key", oursWithHeader(header.replace("}", "," + extra + "}"))));
        }
    }

    private void keyIds(List<Forgery> list) {
        String cls = "kid attacks";
        for (String kid : List.of("k3", "K1", "k1 ", "", "../../dev/null", "/dev/null", "ключ", "k1\\u0000", "k\\u00e91",
                "k".repeat(2500), "k".repeat(10_000))) {
            String shown = kid.length() > 20 ? kid.length() + " characters" : "'" + kid + "'";
            list.add(new Forgery(cls, "kid " + shown + " (signed with our key)",
                    oursWithHeader("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}")));
        }
        list.add(new Forgery(cls, "kid missing", oursWithHeader("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")));
        for (String kidJson : List.of("1", "null", "[\"k1\"]", "{\"id\":\"k1\"}")) {
            list.add(new Forgery(cls, "kid " + kidJson, oursWithHeader("{\"alg\":\"HS256\",\"kid\":" + kidJson + ",\"typ\":\"JWT\"}")));
        }
    }

    private void timeClaims(List<Forgery> list) {
        String cls = "time claims";
        list.add(new Forgery(cls, "expired", ours(claims(victimId, now - 600, now - 1, issuer, audience))));
        list.add(new Forgery(cls, "not yet valid (nbf in the future)", ours(validClaims().replace("}", ",\"nbf\":" + (now + 60) + "}"))));
        list.add(new Forgery(cls, "issued in the future", ours(claims(victimId, now + 120, now + 600, issuer, audience))));
        list.add(new Forgery(cls, "exp beyond the absolute timeout",
                ours(claims(victimId, now, now + maxLifetimeSeconds + 3600, issuer, audience))));
        list.add(new Forgery(cls, "issued longer ago than the absolute timeout, not yet expired",
                ours(claims(victimId, now - maxLifetimeSeconds, now + 600, issuer, audience))));
        list.add(new Forgery(cls, "exp before iat", ours(claims(victimId, now + 10, now + 5, issuer, audience))));
        for (String exp : List.of("\"exp\":\"tomorrow\"", "\"exp\":1e300", "\"exp\":-1", "\"exp\":null")) {
            list.add(new Forgery(cls, "malformed " + exp, ours(validClaims().replaceFirst("\"exp\":[0-9]+", exp))));
        }
        for (String claim : List.of("sub", "iat", "exp", "iss", "aud")) {
            String payload = validClaims().replaceFirst("\"" + claim + "\":(\"[^\"]*\"|[0-9]+),?", "").replace(",}", "}");
            list.add(new Forgery(cls, "required claim " + claim + " missing", ours(payload)));
        }
        for (String sub : List.of("short", "../../etc/passwd", victimId + "==")) {
            list.add(new Forgery(cls, "subject '" + sub + "' is not a session id", ours(claims(sub, now, now + 600, issuer, audience))));
        }
    }

    private void issuerAndAudience(List<Forgery> list) {
        String cls = "wrong issuer or audience";
        for (String iss : List.of("https://evil.example/", issuer.toUpperCase(), "")) {
            list.add(new Forgery(cls, "issuer '" + iss + "'", ours(claims(victimId, now, now + 600, iss, audience))));
        }
        list.add(new Forgery(cls, "audience of another app, same key", ours(claims(victimId, now, now + 600, issuer, "/admin"))));
        list.add(new Forgery(cls, "audience array containing ours",
                ours(validClaims().replace("\"aud\":\"" + audience + "\"", "\"aud\":[\"" + audience + "\",\"/admin\"]"))));
    }

    private void jsonAndEncodings(List<Forgery> list) {
        String cls = "JSON tricks, JWE and compression";
        list.add(new Forgery(cls, "duplicate sub in payload", ours(validClaims().replace("{", "{\"sub\":\"" + victimId.substring(1) + "A\","))));
        list.add(new Forgery(cls, "duplicate sub hidden by a unicode escape",
                ours(validClaims().replace("{", "{\"s\\u0075b\":\"" + victimId.substring(1) + "A\","))));
        list.add(new Forgery(cls, "duplicate alg in header", oursWithHeader("{\"alg\":\"none\",\"alg\":\"HS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}")));
        list.add(new Forgery(cls, "duplicate kid in header", oursWithHeader("{\"alg\":\"HS256\",\"kid\":\"k3\",\"kid\":\"k1\",\"typ\":\"JWT\"}")));
        for (String payload : List.of("hello", "[1,2,3]", "\"a string\"", "42", "{", "null", "{} {}")) {
            list.add(new Forgery(cls, "payload not a JSON object: " + payload, ours(payload)));
        }
        list.add(new Forgery(cls, "deeply nested payload", hs256(new byte[32], header,
                validClaims().replace("}", ",\"x\":" + "[".repeat(1400) + "]".repeat(1400) + "}"))));
        list.add(new Forgery(cls, "header not JSON", oursWithHeader("not json")));
        list.add(new Forgery(cls, "payload not UTF-8", hmac("HmacSHA256", k1, header,
                validClaims().replace("session", "sessi\u00f8n").getBytes(StandardCharsets.ISO_8859_1))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
            deflate.write(validClaims().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        list.add(new Forgery(cls, "zip:DEF with a deflated payload, signed with our key",
                hmac("HmacSHA256", k1, header.replace("}", ",\"zip\":\"DEF\"}"), out.toByteArray())));
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.DIRECT);
            jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_CBC_HMAC_SHA_512);
            jwe.setKeyIdHeaderValue("k1");
            jwe.setHeader("typ", "JWT");
            jwe.setPayload(validClaims());
            jwe.setKey(new SecretKeySpec(k1, "AES"));
            list.add(new Forgery(cls, "JWE (five segments) encrypted with our secret", jwe.getCompactSerialization()));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
        String inner = control();
        list.add(new Forgery(cls, "nested JWT inside a JWS signed with our key",
                hmac("HmacSHA256", k1, header.replace("}", ",\"cty\":\"JWT\"}"), inner.getBytes(StandardCharsets.US_ASCII))));
    }

    private void shape(List<Forgery> list, String own) {
        String cls = "oversized or malformed";
        String padded = ours(validClaims().replace("}", ",\"pad\":\"" + "x".repeat(3000) + "\"}"));
        list.add(new Forgery(cls, "over 4096 characters, signed with our key (" + padded.length() + " chars)", padded));
        list.add(new Forgery(cls, "5000 characters of base64url", "A".repeat(5000)));
        list.add(new Forgery(cls, "four segments", own + "."));
        list.add(new Forgery(cls, "four segments, signature repeated", own + "." + own.split("\\.")[2]));
        for (String t : List.of(".", "..", "...", "a..c", ".b.c", "a.b.", "garbage", "a.b.c")) {
            list.add(new Forgery(cls, "'" + t + "'", t));
        }
        int middle = own.indexOf('.') + 5;
        for (String bad : List.of("+", "/", "=", "%2E", "!", "*")) {
            list.add(new Forgery(cls, "'" + bad + "' inside a segment", own.substring(0, middle) + bad + own.substring(middle)));
        }
        list.add(new Forgery(cls, "padded with =", own + "="));
        String payloadSegment = own.split("\\.")[1];
        list.add(new Forgery(cls, "segment with an impossible base64 length",
                replaceSegment(own, 1, payloadSegment + "A".repeat(4 - payloadSegment.length() % 4 + 1))));
    }
}
