package io.github.sessionfilter.token;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwx.HeaderParameterNames;
import org.jose4j.lang.JoseException;

/**
 * Issues and verifies the signed token (a compact JWS) that names a session in the cookie.
 *
 * <p>Promises: a token carries only the session id, issued-at, expiry, issuer and audience,
 * never an attribute. {@link #verify(String)} accepts only tokens this configuration could have
 * issued: the configured HMAC algorithm, one of our key ids, our issuer and audience, unexpired,
 * issued no later than now (plus a small clock skew) and living no longer than the configured
 * maximum. It never throws, never fetches anything and never uses a key named in the token;
 * every rejection is counted and logged at DEBUG with a short reason, never with the token or the
 * session id. Thread-safe; holds no static mutable state.
 *
 * <p>Cost: the header, signature and claims are each looked at once (the JDK's HMAC; the claims by
 * {@link ClaimsJson}, falling back to jose4j's JSON parser for anything unusual); a header spelled exactly
 * as {@link #issue} writes it is recognised by its text, without parsing. A token issued or accepted
 * before is remembered, by its exact text, in a bounded cache of this codec
 * ({@link #DEFAULT_CACHE_CAPACITY} tokens): later requests only re-check its expiry.
 * Rejected tokens are never remembered, so each forged, altered or expired token gets the full check.
 */
public final class TokenCodec {

    private static final System.Logger LOG = System.getLogger(TokenCodec.class.getName());

    /** Longer than any token we issue by far; bounds the work an attacker can ask for. */
    static final int MAX_TOKEN_CHARS = 4096;
    /** Longest user id a token carries ({@code uid} claim); a longer one is left out. */
    public static final int MAX_USER_ID_CHARS = 256;
    /** Tolerated disagreement between the clocks of the instances that issue and verify. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** Accepted tokens remembered per codec: about 5 MB at most. */
    static final int DEFAULT_CACHE_CAPACITY = 10_000;

    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{22,64}");
    private static final String TYPE = "JWT";
    /** Exactly what {@link #issue} writes; anything else (jwk, jku, x5u, x5c, crit, zip, cty, b64…) is refused. */
    private static final Set<String> HEADER_NAMES = Set.of(
            HeaderParameterNames.ALGORITHM, HeaderParameterNames.KEY_ID, HeaderParameterNames.TYPE);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys keys;
    private final TokenAlgorithm algorithm;
    private final String issuer;
    private final String audience;
    private final Duration maxLifetime;
    private final Clock clock;
    private final AtomicLong rejected = new AtomicLong();
    private final TokenMacs macs;
    /** The header segment {@link #issue} writes for each key id, mapped to that key id. */
    private final Map<String, String> keyIdByOwnHeader = new HashMap<>();
    private final VerifiedTokenCache verified;
    /** The header segment of every token this codec issues (built once). */
    private final String signingHeader;

    /**
     * @param keys        keys parsed for {@code algorithm}; the first signs, all verify
     * @param algorithm   the only algorithm issued and accepted
     * @param issuer      the exact {@code iss} to write and require
     * @param audience    the exact {@code aud} to write and require
     * @param maxLifetime the longest a token may live ({@code exp - iat}), e.g. the absolute
     *                    session timeout
     * @param clock       the time source for {@code iat} and expiry checks
     * @throws IllegalArgumentException listing every invalid argument
     */
    public TokenCodec(SigningKeys keys, TokenAlgorithm algorithm, String issuer, String audience,
                      Duration maxLifetime, Clock clock) {
        this(keys, algorithm, issuer, audience, maxLifetime, clock, DEFAULT_CACHE_CAPACITY);
    }

    TokenCodec(SigningKeys keys, TokenAlgorithm algorithm, String issuer, String audience,
               Duration maxLifetime, Clock clock, int cacheCapacity) {
        List<String> problems = new ArrayList<>();
        if (keys == null) {
            problems.add("signing keys are missing");
        }
        if (algorithm == null) {
            problems.add("token algorithm is missing");
        } else if (keys != null && keys.algorithm() != algorithm) {
            problems.add("signing keys were checked for " + keys.algorithm() + " but the codec uses "
                    + algorithm + "; parse them with " + algorithm);
        }
        if (issuer == null || issuer.isBlank()) {
            problems.add("issuer must not be blank");
        }
        if (audience == null || audience.isBlank()) {
            problems.add("audience must not be blank");
        }
        if (maxLifetime == null || maxLifetime.isNegative() || maxLifetime.isZero()) {
            problems.add("maximum token lifetime must be positive, was " + maxLifetime);
        }
        if (clock == null) {
            problems.add("clock is missing");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid token codec settings: " + String.join("; ", problems));
        }
        this.keys = keys;
        this.algorithm = algorithm;
        this.issuer = issuer;
        this.audience = audience;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
        this.macs = new TokenMacs(keys);
        for (String keyId : keys.keyIds()) {
            keyIdByOwnHeader.put(headerSegment(keyId), keyId);
        }
        this.verified = new VerifiedTokenCache(cacheCapacity);
        this.signingHeader = headerSegment(keys.signingKeyId());
    }

    /**
     * Signs a token naming {@code sessionId} that expires at {@code expiresAt} (whole seconds).
     *
     * @throws IllegalArgumentException if the session id is not 22..64 characters of
     *         {@code [A-Za-z0-9_-]}, or {@code expiresAt} is not in the future or lies further
     *         ahead than the maximum lifetime
     */
    public String issue(String sessionId, Instant expiresAt) {
        return issue(sessionId, expiresAt, null);
    }

    /**
     * Signs a token naming {@code sessionId} and, in its own {@code uid} claim, the user it belongs to.
     * Anyone holding the cookie can read the user id (the token is signed, not encrypted). A user id
     * longer than {@value #MAX_USER_ID_CHARS} characters is left out, so the token stays small.
     *
     * @param userId null for a token that names no user
     * @throws IllegalArgumentException as {@link #issue(String, Instant)}
     */
    public String issue(String sessionId, Instant expiresAt, String userId) {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            throw new IllegalArgumentException("session id must be 22 to 64 characters of [A-Za-z0-9_-]");
        }
        if (expiresAt == null) {
            throw new IllegalArgumentException("expiresAt is missing");
        }
        long now = clock.instant().getEpochSecond();
        long exp = expiresAt.getEpochSecond();
        if (exp <= now) {
            throw new IllegalArgumentException("expiresAt " + expiresAt + " is not in the future");
        }
        if (Duration.ofSeconds(exp - now).compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException("expiresAt " + expiresAt + " is more than the maximum token lifetime "
                    + maxLifetime + " ahead");
        }
        JwtClaims claims = new JwtClaims();
        claims.setSubject(sessionId);
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(exp));
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        String carriedUser = userId != null && userId.length() <= MAX_USER_ID_CHARS ? userId : null;
        if (carriedUser != null) {
            claims.setClaim("uid", carriedUser);
        }
        String signingInput = signingHeader + "."
                + BASE64URL.encodeToString(claims.toJson().getBytes(StandardCharsets.UTF_8));
        byte[] signature = macs.sign(keys.signingKeyId(), signingInput.getBytes(StandardCharsets.US_ASCII));
        String token = signingInput + "." + BASE64URL.encodeToString(signature);
        // Valid by construction: the session's next request here finds it without a second HMAC and parse.
        verified.put(token, new VerifiedToken(sessionId, carriedUser, Instant.ofEpochSecond(now), Instant.ofEpochSecond(exp)));
        return token;
    }

    /**
     * Checks a token from a cookie. Returns empty for anything this codec would not have issued
     * or that is no longer valid, including null and garbage; never throws.
     */
    public Optional<VerifiedToken> verify(String token) {
        try {
            return Optional.of(check(token));
        } catch (TokenRejectedException e) {
            return reject(e.getMessage());
        } catch (RuntimeException e) {
            // A library bug must not turn a bad cookie into a 500; the type is enough to debug.
            return reject("unexpected " + e.getClass().getName());
        }
    }

    /** How many tokens {@link #verify(String)} has rejected since this codec was created. */
    public long rejectedTokens() {
        return rejected.get();
    }

    private Optional<VerifiedToken> reject(String reason) {
        rejected.incrementAndGet();
        LOG.log(Level.DEBUG, () -> "session token rejected: " + reason);
        return Optional.empty();
    }

    private VerifiedToken check(String token) throws TokenRejectedException {
        long nowSeconds = Math.floorDiv(clock.millis(), 1000L);
        // Only tokens we accepted are in the cache, none longer than MAX_TOKEN_CHARS: no need to hash a longer one.
        VerifiedToken known = token == null || token.length() > MAX_TOKEN_CHARS ? null : verified.get(token);
        if (known != null) {
            if (nowSeconds >= known.expiresAt().getEpochSecond()) {
                verified.remove(token);
                throw new TokenRejectedException("expired");
            }
            return known;
        }
        CompactToken parts = CompactToken.parse(token, MAX_TOKEN_CHARS);
        String keyId = keyIdByOwnHeader.get(parts.headerSegment);
        if (keyId == null) {
            keyId = checkHeader(parseJsonObject(CompactToken.decodeHeader(parts.headerSegment), "header"));
        }
        if (!macs.verifies(keyId, parts.signingInput, parts.signature)) {
            throw new TokenRejectedException("bad signature");
        }
        VerifiedToken accepted = checkClaims(parseClaims(parts.payload), nowSeconds);
        verified.put(token, accepted);
        return accepted;
    }

    /**
     * Runs before any signature work on a header not spelled as ours: it must say exactly what
     * {@link #issue} writes. Returns its key id, one of ours.
     */
    private String checkHeader(Map<String, Object> header) throws TokenRejectedException {
        for (String name : header.keySet()) {
            if (!HEADER_NAMES.contains(name)) {
                throw new TokenRejectedException("header parameter not allowed");
            }
        }
        if (!algorithm.jwsName().equals(header.get(HeaderParameterNames.ALGORITHM))) {
            throw new TokenRejectedException("algorithm not allowed");
        }
        if (!TYPE.equals(header.get(HeaderParameterNames.TYPE))) {
            throw new TokenRejectedException("wrong typ");
        }
        Object kid = header.get(HeaderParameterNames.KEY_ID);
        if (kid == null) {
            throw new TokenRejectedException("kid missing");
        }
        if (!(kid instanceof String id) || keys.verificationKey(id).isEmpty()) {
            throw new TokenRejectedException("unknown kid");
        }
        return id;
    }

    /**
     * The claim checks jose4j's consumer made (required sub, iat, exp, iss, aud of the right JSON types;
     * exp strictly after now, nbf if present not after now, both to the second) and ours on top.
     */
    private VerifiedToken checkClaims(Map<String, Object> claims, long nowSeconds) throws TokenRejectedException {
        if (!(claims.get("sub") instanceof String subject)) {
            throw new TokenRejectedException("sub missing or not a string");
        }
        long iat = seconds(claims, "iat");
        long exp = seconds(claims, "exp");
        if (!issuer.equals(claims.get("iss"))) {
            throw new TokenRejectedException("wrong issuer");
        }
        if (!(claims.get("aud") instanceof String aud)) {
            throw new TokenRejectedException("audience missing or not a single string"); // jose4j accepts arrays
        }
        if (!audience.equals(aud)) {
            throw new TokenRejectedException("wrong audience");
        }
        if (nowSeconds >= exp) {
            throw new TokenRejectedException("expired");
        }
        if (claims.get("nbf") != null && nowSeconds < seconds(claims, "nbf")) {
            throw new TokenRejectedException("not yet valid");
        }
        if (!SESSION_ID.matcher(subject).matches()) {
            throw new TokenRejectedException("subject is not a session id");
        }
        Object uid = claims.get("uid");
        if (uid != null && !(uid instanceof String)) {
            throw new TokenRejectedException("uid not a string");
        }
        if (iat > nowSeconds + CLOCK_SKEW.toSeconds()) {
            throw new TokenRejectedException("issued in the future");
        }
        if (exp <= iat) {
            throw new TokenRejectedException("expires before issued");
        }
        if (Duration.ofSeconds(Math.subtractExact(exp, iat)).compareTo(maxLifetime.plus(CLOCK_SKEW)) > 0) {
            throw new TokenRejectedException("lifetime too long");
        }
        return new VerifiedToken(subject, (String) uid, Instant.ofEpochSecond(iat), Instant.ofEpochSecond(exp));
    }

    /** A NumericDate claim, read as jose4j reads it: any JSON number, whole seconds. */
    private static long seconds(Map<String, Object> claims, String name) throws TokenRejectedException {
        if (!(claims.get(name) instanceof Number number)) {
            throw new TokenRejectedException(name + " missing or not a number");
        }
        return number.longValue();
    }

    private static Map<String, Object> parseClaims(byte[] payload) throws TokenRejectedException {
        // The signature was checked before: these bytes were signed with one of our keys.
        return ClaimsJson.parse(new String(payload, StandardCharsets.UTF_8));
    }

    private static Map<String, Object> parseJsonObject(byte[] json, String what) throws TokenRejectedException {
        try {
            return JsonUtil.parseJson(utf8(json, what));
        } catch (JoseException e) {
            throw new TokenRejectedException(what + " is not a JSON object");
        }
    }

    private static String utf8(byte[] bytes, String what) throws TokenRejectedException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new TokenRejectedException(what + " is not UTF-8");
        }
    }

    /** The header {@link #issue} writes for a key: alg, kid, typ, in that order (as jose4j wrote it). */
    private String headerSegment(String keyId) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put(HeaderParameterNames.ALGORITHM, algorithm.jwsName());
        header.put(HeaderParameterNames.KEY_ID, keyId);
        header.put(HeaderParameterNames.TYPE, TYPE);
        return BASE64URL.encodeToString(JsonUtil.toJson(header).getBytes(StandardCharsets.UTF_8));
    }
}
