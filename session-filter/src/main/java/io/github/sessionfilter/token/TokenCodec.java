package io.github.sessionfilter.token;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.HeaderParameterNames;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

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
 */
public final class TokenCodec {

    private static final System.Logger LOG = System.getLogger(TokenCodec.class.getName());

    /** Longer than any token we issue by far; bounds the work an attacker can ask for. */
    static final int MAX_TOKEN_CHARS = 4096;
    /** Tolerated disagreement between the clocks of the instances that issue and verify. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{22,64}");
    private static final String TYPE = "JWT";
    /** Exactly what {@link #issue} writes; anything else (jwk, jku, x5u, x5c, crit, zip, cty, b64…) is refused. */
    private static final Set<String> HEADER_NAMES = Set.of(
            HeaderParameterNames.ALGORITHM, HeaderParameterNames.KEY_ID, HeaderParameterNames.TYPE);
    private static final Map<Integer, String> JOSE4J_REASONS = Map.of(
            ErrorCodes.EXPIRED, "expired",
            ErrorCodes.NOT_YET_VALID, "not yet valid",
            ErrorCodes.SIGNATURE_INVALID, "bad signature",
            ErrorCodes.ISSUER_INVALID, "wrong issuer",
            ErrorCodes.AUDIENCE_INVALID, "wrong audience",
            ErrorCodes.JSON_INVALID, "payload is not a JSON object",
            ErrorCodes.MALFORMED_CLAIM, "malformed claim");

    private final SigningKeys keys;
    private final TokenAlgorithm algorithm;
    private final String issuer;
    private final String audience;
    private final Duration maxLifetime;
    private final Clock clock;
    private final AtomicLong rejected = new AtomicLong();

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
    }

    /**
     * Signs a token naming {@code sessionId} that expires at {@code expiresAt} (whole seconds).
     *
     * @throws IllegalArgumentException if the session id is not 22..64 characters of
     *         {@code [A-Za-z0-9_-]}, or {@code expiresAt} is not in the future or lies further
     *         ahead than the maximum lifetime
     */
    public String issue(String sessionId, Instant expiresAt) {
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
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(algorithm.jwsName());
        jws.setKeyIdHeaderValue(keys.signingKeyId());
        jws.setHeader(HeaderParameterNames.TYPE, TYPE);
        jws.setPayload(claims.toJson());
        jws.setKey(keys.signingKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign session token with key '"
                    + keys.signingKeyId() + "' (" + algorithm + ")", e);
        }
    }

    /**
     * Checks a token from a cookie. Returns empty for anything this codec would not have issued
     * or that is no longer valid, including null and garbage; never throws.
     */
    public Optional<VerifiedToken> verify(String token) {
        try {
            return Optional.of(check(token));
        } catch (Rejected e) {
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

    private VerifiedToken check(String token) throws Rejected {
        byte[] header = CompactShape.headerBytes(token);
        checkHeader(parseJsonObject(header));
        JwtClaims claims = consume(token);
        return checkClaims(claims);
    }

    /** Runs before any signature work: the header must be exactly what {@link #issue} writes. */
    private void checkHeader(Map<String, Object> header) throws Rejected {
        for (String name : header.keySet()) {
            if (!HEADER_NAMES.contains(name)) {
                throw new Rejected("header parameter not allowed");
            }
        }
        if (!algorithm.jwsName().equals(header.get(HeaderParameterNames.ALGORITHM))) {
            throw new Rejected("algorithm not allowed");
        }
        if (!TYPE.equals(header.get(HeaderParameterNames.TYPE))) {
            throw new Rejected("wrong typ");
        }
        Object kid = header.get(HeaderParameterNames.KEY_ID);
        if (kid == null) {
            throw new Rejected("kid missing");
        }
        if (!(kid instanceof String id) || keys.verificationKey(id).isEmpty()) {
            throw new Rejected("unknown kid");
        }
    }

    private JwtClaims consume(String token) throws Rejected {
        try {
            return new JwtConsumerBuilder()
                    .setJwsAlgorithmConstraints(ConstraintType.PERMIT, algorithm.jwsName())
                    .setJweAlgorithmConstraints(ConstraintType.PERMIT) // permits nothing: no JWE
                    .setVerificationKeyResolver(this::resolveKey)
                    .setRequireSubject()
                    .setRequireIssuedAt()
                    .setRequireExpirationTime()
                    .setExpectedIssuer(true, issuer)
                    .setExpectedAudience(true, audience)
                    .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                    .setAllowedClockSkewInSeconds(0) // exp is strict; iat skew is checked below
                    .build()
                    .processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new Rejected(reasonOf(e)); // e's message holds the token: never log it
        }
    }

    /** Our own resolver: the key comes from our set by kid, never from the token itself. */
    private Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext)
            throws UnresolvableKeyException {
        if (!nestingContext.isEmpty()) {
            throw new UnresolvableKeyException("nested tokens are not accepted");
        }
        return keys.verificationKey(jws.getKeyIdHeaderValue())
                .orElseThrow(() -> new UnresolvableKeyException("unknown kid"));
    }

    private VerifiedToken checkClaims(JwtClaims claims) throws Rejected {
        try {
            if (!(claims.getClaimValue("aud") instanceof String)) {
                throw new Rejected("audience is not a single string"); // jose4j accepts arrays
            }
            String subject = claims.getSubject();
            if (!SESSION_ID.matcher(subject).matches()) {
                throw new Rejected("subject is not a session id");
            }
            long iat = claims.getIssuedAt().getValue();
            long exp = claims.getExpirationTime().getValue();
            long latestIat = clock.instant().plus(CLOCK_SKEW).getEpochSecond();
            if (iat > latestIat) {
                throw new Rejected("issued in the future");
            }
            if (exp <= iat) {
                throw new Rejected("expires before issued");
            }
            if (Duration.ofSeconds(Math.subtractExact(exp, iat)).compareTo(maxLifetime.plus(CLOCK_SKEW)) > 0) {
                throw new Rejected("lifetime too long");
            }
            return new VerifiedToken(subject, Instant.ofEpochSecond(iat), Instant.ofEpochSecond(exp));
        } catch (MalformedClaimException e) {
            throw new Rejected("malformed claim");
        }
    }

    private static Map<String, Object> parseJsonObject(byte[] json) throws Rejected {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(json)).toString();
            // jose4j's parser rejects duplicate member names ("Names must be unique"), so a
            // header cannot say one thing to us and another to a different parser.
            return JsonUtil.parseJson(text);
        } catch (CharacterCodingException | JoseException e) {
            throw new Rejected("header is not a JSON object");
        }
    }

    private static String reasonOf(InvalidJwtException e) {
        for (ErrorCodeValidator.Error error : e.getErrorDetails()) {
            String reason = JOSE4J_REASONS.get(error.getErrorCode());
            if (reason != null) {
                return reason;
            }
        }
        return e.getErrorDetails().isEmpty() ? "invalid token"
                : "invalid token (jose4j error " + e.getErrorDetails().get(0).getErrorCode() + ")";
    }

    /** A rejection with a short, fixed reason; cheap (no stack trace) because attackers trigger it. */
    private static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The checks made before any parsing: size, alphabet, exactly three non-empty segments, each
     * in canonical unpadded base64url (one spelling per token).
     */
    private static final class CompactShape {
        private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
        private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

        static byte[] headerBytes(String token) throws Rejected {
            if (token == null || token.isEmpty()) {
                throw new Rejected("no token");
            }
            if (token.length() > MAX_TOKEN_CHARS) {
                throw new Rejected("token too long");
            }
            int firstDot = -1;
            int secondDot = -1;
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (c == '.') {
                    if (firstDot < 0) {
                        firstDot = i;
                    } else if (secondDot < 0) {
                        secondDot = i;
                    } else {
                        throw new Rejected("not three segments");
                    }
                } else if (!isBase64Url(c)) {
                    throw new Rejected("character outside base64url");
                }
            }
            if (secondDot < 0) {
                throw new Rejected("not three segments");
            }
            byte[] header = canonical(token.substring(0, firstDot));
            canonical(token.substring(firstDot + 1, secondDot));
            canonical(token.substring(secondDot + 1));
            return header;
        }

        private static boolean isBase64Url(char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
        }

        private static byte[] canonical(String segment) throws Rejected {
            if (segment.isEmpty()) {
                throw new Rejected("empty segment");
            }
            try {
                byte[] bytes = DECODER.decode(segment);
                if (!ENCODER.encodeToString(bytes).equals(segment)) {
                    throw new Rejected("non-canonical base64url");
                }
                return bytes;
            } catch (IllegalArgumentException e) {
                throw new Rejected("invalid base64url length");
            }
        }
    }
}
