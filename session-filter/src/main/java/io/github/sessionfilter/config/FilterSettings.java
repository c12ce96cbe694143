package io.github.sessionfilter.config;

import io.github.sessionfilter.SessionFilterConfigurationException;
import io.github.sessionfilter.attribute.AttributeSealer;
import io.github.sessionfilter.token.SigningKeys;
import io.github.sessionfilter.token.TokenAlgorithm;
import io.github.sessionfilter.redis.RedisConnectionOptions;
import io.github.sessionfilter.redis.RedisMode;
import io.github.sessionfilter.web.CookieSecurity;
import io.github.sessionfilter.web.SameSite;
import io.github.sessionfilter.web.SessionAccess;
import io.github.sessionfilter.web.SessionIdRotation;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The validated, typed configuration of one filter instance. {@link #parse} checks every setting and
 * throws one {@link SessionFilterConfigurationException} listing all problems.
 */
record FilterSettings(
        String redisUri,
        Duration redisTimeout,
        Path redisCaFile,
        RedisConnectionOptions.TlsVerification tlsVerify,
        String keyPrefix,
        SigningKeys signingKeys,
        TokenAlgorithm algorithm,
        String issuer,
        String audience,
        Duration idleTimeout,
        Duration absoluteTimeout,
        CookieSettings cookie,
        List<String> allowPatterns,
        List<String> listenerClasses,
        Map<Setting, String> effective,
        ReliabilitySettings reliability,
        Protection protection,
        RedisMode redisMode,
        String credentialsProviderClass,
        SessionAccess sessionAccess) {

    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    /**
     * Session id rotation, size limits and attribute sealing (one component, so the record stays small).
     *
     * @param maxSessionBytes   largest serialized size of all attributes of one session
     * @param maxAttributeBytes largest serialized size of one attribute
     * @param maxDepth          deepest object nesting an attribute may have when read
     * @param sealer            protection of stored attribute bytes ({@link AttributeSealer#none()} when off)
     */
    record Protection(SessionIdRotation rotation, long maxSessionBytes, int maxAttributeBytes, AttributeSealer sealer,
                      int maxDepth) {
    }

    /**
     * What the container and the app say before any setting of ours: the context path, the session
     * timeout, the cookie name in {@code web.xml}, the app's {@code SessionCookieConfig}, and the app's
     * display name ({@code <display-name>}, null if none).
     */
    record ContainerDefaults(String contextPath, Integer sessionTimeoutMinutes, String cookieName, AppCookieConfig appCookie,
                             String displayName) {
        ContainerDefaults(String contextPath, Integer sessionTimeoutMinutes, String cookieName) {
            this(contextPath, sessionTimeoutMinutes, cookieName, AppCookieConfig.NONE, null);
        }

        ContainerDefaults(String contextPath, Integer sessionTimeoutMinutes, String cookieName, AppCookieConfig appCookie) {
            this(contextPath, sessionTimeoutMinutes, cookieName, appCookie, null);
        }

        /**
         * The default token audience: what tells this app from another that shares the signing key. The
         * context path, plus the display name when the app has one (two apps at the root of two virtual
         * hosts differ only there). The same on every container, so a mixed fleet shares sessions.
         */
        String defaultAudience() {
            String path = contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
            return displayName == null || displayName.isBlank() ? path : path + " " + displayName.strip();
        }

        /** Whether the default audience is one that every other root app without a display name has too. */
        boolean defaultAudienceIsShared() {
            return "/".equals(defaultAudience());
        }
    }

    String cookieName() {
        return cookie.name();
    }

    SameSite sameSite() {
        return cookie.sameSite();
    }

    CookieSecurity cookieSecurity() {
        return cookie.security();
    }

    Duration cookieMaxAge() {
        return cookie.maxAge();
    }

    String cookieDomain() {
        return cookie.domain();
    }

    /** Parses and checks every setting; throws one exception listing every problem. */
    static FilterSettings parse(SettingsSource source, ContainerDefaults container) {
        Parser p = new Parser(source);
        FilterSettings settings = parse(p, container);
        if (!p.problems.isEmpty()) {
            throw new SessionFilterConfigurationException(p.problems);
        }
        return settings;
    }

    /**
     * Parses every setting, adding problems to {@code p} instead of throwing, so that the caller can
     * add its own (listener and provider classes) to one report. When there are problems, the
     * settings returned are incomplete (nulls) and only good for further checks.
     */
    static FilterSettings parse(Parser p, ContainerDefaults container) {
        SettingsSource source = p.source;
        for (String name : source.unknownInitParams()) {
            p.problems.add("init-param '" + name + "' is not a setting of session-filter (known: "
                    + String.join(", ", java.util.Arrays.stream(Setting.values()).map(Setting::key).toList()) + ")");
        }
        for (String name : source.unknownSystemProperties()) {
            p.problems.add("system property '" + name + "' is not a setting of session-filter");
        }

        String redisUri = p.required(Setting.REDIS_URI, FilterSettings::checkRedisUri);
        Duration redisTimeout = p.value(Setting.REDIS_TIMEOUT, t -> positive(DurationText.parse(t)));
        Path caFile = p.optional(Setting.REDIS_CA_FILE, FilterSettings::readableFile).orElse(null);
        RedisConnectionOptions.TlsVerification tlsVerify = p.value(Setting.REDIS_TLS_VERIFY, FilterSettings::tlsVerification);
        String keyPrefix = p.value(Setting.REDIS_KEY_PREFIX, FilterSettings::checkPrefix);
        TokenAlgorithm algorithm = p.value(Setting.JWT_ALGORITHM, TokenAlgorithm::parse);
        SigningKeys keys = p.keys(algorithm == null ? TokenAlgorithm.HS256 : algorithm);
        String issuer = p.value(Setting.JWT_ISSUER, t -> t);
        String audience = p.optional(Setting.JWT_AUDIENCE, t -> t).orElseGet(container::defaultAudience);
        Duration idle = p.optional(Setting.SESSION_TIMEOUT, t -> DurationText.parse(t))
                .orElseGet(() -> container.sessionTimeoutMinutes() == null
                        ? Duration.ofMinutes(30) : Duration.ofMinutes(container.sessionTimeoutMinutes()));
        Duration absolute = p.value(Setting.SESSION_ABSOLUTE_TIMEOUT, t -> positive(DurationText.parse(t)));
        CookieSettings cookie = CookieSettings.parse(p, container);
        List<String> allow = p.optional(Setting.ATTRIBUTES_ALLOW, FilterSettings::list).orElse(List.of());
        List<String> listeners = p.optional(Setting.LISTENERS, FilterSettings::classNames).orElse(List.of());
        ReliabilitySettings reliability = ReliabilitySettings.parse(p);
        SessionIdRotation rotation = p.value(Setting.SESSION_ROTATE_ON, SessionIdRotation::parse);
        Long maxSessionBytes = p.value(Setting.SESSION_MAX_BYTES, ByteSizeText::parse);
        Long maxAttributeBytes = p.value(Setting.ATTRIBUTES_MAX_BYTES, ByteSizeText::parse);
        Integer maxDepth = p.value(Setting.ATTRIBUTES_MAX_DEPTH, FilterSettings::depth);
        AttributeSealer sealer = p.sealer();
        RedisMode redisMode = p.value(Setting.REDIS_MODE, RedisMode::parse);
        String credentialsProvider = p.optional(Setting.REDIS_CREDENTIALS_PROVIDER, FilterSettings::className).orElse(null);
        SessionAccess access = p.value(Setting.SESSION_ACCESS, SessionAccess::parse);
        checkTopology(p.problems, redisUri, redisMode, credentialsProvider);

        if (idle != null && absolute != null && idle.compareTo(absolute) > 0) {
            p.problems.add(Setting.SESSION_TIMEOUT.key() + " (" + idle + ") is longer than "
                    + Setting.SESSION_ABSOLUTE_TIMEOUT.key() + " (" + absolute + ")");
        }
        Map<Setting, String> effective = new EnumMap<>(Setting.class);
        if (p.problems.isEmpty()) {
            for (Setting s : Setting.values()) {
                effective.put(s, s.isSecret() ? source.raw(s).map(v -> "****").orElse("(unset)")
                        : source.raw(s).or(s::defaultValue).orElse("(unset)"));
            }
            CookieSettings.appChoices(container.appCookie()).forEach((setting, value) -> {
                if (source.raw(setting).isEmpty()) {
                    effective.put(setting, value + " (the app's SessionCookieConfig)");
                }
            });
            effective.put(Setting.REDIS_URI, redactUri(redisUri));
            effective.put(Setting.JWT_KEYS, keys.toString());
        }
        return new FilterSettings(redisUri, redisTimeout, caFile, tlsVerify, keyPrefix, keys, algorithm, issuer, audience, idle, absolute,
                cookie, allow, listeners, effective, reliability,
                new Protection(rotation, maxSessionBytes == null ? 0 : maxSessionBytes,
                        maxAttributeBytes == null ? 0 : maxAttributeBytes.intValue(), sealer,
                        maxDepth == null ? 0 : maxDepth), redisMode, credentialsProvider, access);
    }

    /**
     * The URI without credentials, for logs: everything between {@code //} and the last {@code @} is
     * hidden, since a password may itself hold {@code @}, {@code /} or {@code :}. When the query holds an
     * {@code @} too, more is hidden than needed, never less.
     */
    static String redactUri(String uri) {
        if (uri == null) {
            return null;
        }
        int start = uri.indexOf("//");
        int at = uri.lastIndexOf('@');
        if (start < 0 || at < start) {
            return uri;
        }
        return uri.substring(0, start + 2) + "****" + uri.substring(at);
    }

    private static boolean isSentinelUri(String text) {
        return text.startsWith("redis-sentinel://") || text.startsWith("rediss-sentinel://");
    }

    private static String checkSentinelUri(String text) {
        String rest = text.substring(text.indexOf("://") + 3);
        String hosts = rest.split("[/?#]", 2)[0];
        hosts = hosts.substring(hosts.lastIndexOf('@') + 1);
        if (hosts.isBlank()) {
            throw new IllegalArgumentException("names no Sentinel (redis-sentinel://host:port,host:port/?sentinelMasterId=name)");
        }
        if (!rest.contains("sentinelMasterId=") && !rest.contains("#")) {
            throw new IllegalArgumentException("names no master (add ?sentinelMasterId=name or #name)");
        }
        return text;
    }

    /** Combinations of mode, URI and credentials that cannot work. */
    private static void checkTopology(List<String> problems, String uri, RedisMode mode, String credentialsProvider) {
        if (uri == null) {
            return;
        }
        if (mode == RedisMode.CLUSTER && isSentinelUri(uri)) {
            problems.add(Setting.REDIS_MODE.key() + " is cluster, but " + Setting.REDIS_URI.key()
                    + " names Sentinels (redis-sentinel://), which manage a single primary");
        }
        if (credentialsProvider != null && uri.matches("[a-z-]+://[^/@?#]*@.*")) {
            problems.add(Setting.REDIS_URI.key() + " contains credentials and " + Setting.REDIS_CREDENTIALS_PROVIDER.key()
                    + " is set; use one of them");
        }
    }

    private static int depth(String text) {
        int depth;
        try {
            depth = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a whole number");
        }
        if (depth < 4 || depth > 64) {
            throw new IllegalArgumentException("must be between 4 and 64 (decoding time can double with every level)");
        }
        return depth;
    }

    private static String className(String text) {
        if (!CLASS_NAME.matcher(text.trim()).matches()) {
            throw new IllegalArgumentException("is not a class name");
        }
        return text.trim();
    }

    private static String checkRedisUri(String text) {
        if (isSentinelUri(text)) {
            return checkSentinelUri(text);
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a URI");
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("must start with redis://, rediss://, redis-sentinel:// or rediss-sentinel://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("has no host");
        }
        return text;
    }

    private static Path readableFile(String text) {
        Path path = Path.of(text);
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("is not a readable file");
        }
        return path;
    }

    private static RedisConnectionOptions.TlsVerification tlsVerification(String text) {
        try {
            return RedisConnectionOptions.TlsVerification.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be full, ca or none");
        }
    }

    /** The connection options for the store. */
    RedisConnectionOptions redisConnection() {
        return new RedisConnectionOptions(redisUri, redisTimeout, redisCaFile, tlsVerify).withMode(redisMode);
    }

    private static String checkPrefix(String text) {
        if (text.contains("{") || text.contains("}")) {
            throw new IllegalArgumentException("must not contain { or } (the session id is the cluster hash tag)");
        }
        return text;
    }

    private static List<String> list(String text) {
        List<String> items = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                items.add(part.trim());
            }
        }
        return List.copyOf(items);
    }

    private static List<String> classNames(String text) {
        List<String> names = list(text);
        for (String name : names) {
            if (!CLASS_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a class name");
            }
        }
        return names;
    }

    private static Duration positive(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("must be positive");
        }
        return d;
    }

    /** Collects problems instead of stopping at the first. */
    static final class Parser {
        final SettingsSource source;
        final List<String> problems = new ArrayList<>();

        Parser(SettingsSource source) {
            this.source = source;
        }

        <T> T value(Setting setting, Function<String, T> parse) {
            String raw = source.raw(setting).or(setting::defaultValue).orElseThrow();
            return convert(setting, raw, parse);
        }

        <T> Optional<T> optional(Setting setting, Function<String, T> parse) {
            return source.raw(setting).map(raw -> convert(setting, raw, parse));
        }

        <T> T required(Setting setting, Function<String, T> parse) {
            Optional<String> raw = source.raw(setting);
            if (raw.isEmpty()) {
                problems.add(name(setting) + " is required but not set");
                return null;
            }
            return convert(setting, raw.get(), parse);
        }

        SigningKeys keys(TokenAlgorithm algorithm) {
            Optional<String> inline = source.raw(Setting.JWT_KEYS);
            Optional<String> file = source.raw(Setting.JWT_KEYS_FILE);
            if (inline.isPresent() && file.isPresent()) {
                problems.add("set either " + name(Setting.JWT_KEYS) + " or " + name(Setting.JWT_KEYS_FILE) + ", not both");
                return null;
            }
            if (inline.isEmpty() && file.isEmpty()) {
                problems.add(name(Setting.JWT_KEYS) + " (or " + name(Setting.JWT_KEYS_FILE) + ") is required but not set;"
                        + " generate a key with: openssl rand -base64 32 | tr '+/' '-_' | tr -d '='");
                return null;
            }
            String text;
            Setting origin = inline.isPresent() ? Setting.JWT_KEYS : Setting.JWT_KEYS_FILE;
            if (inline.isPresent()) {
                text = inline.get();
            } else {
                try {
                    text = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).trim();
                } catch (IOException | RuntimeException e) {
                    problems.add(name(Setting.JWT_KEYS_FILE) + " cannot be read: '" + file.get() + "' ("
                            + e.getClass().getSimpleName() + ")");
                    return null;
                }
            }
            try {
                return SigningKeys.parse(text, algorithm);
            } catch (IllegalArgumentException e) {
                problems.add(name(origin) + ": " + e.getMessage());
                return null;
            }
        }

        /** The attribute sealer from the integrity or encryption key; at most one may be set. */
        AttributeSealer sealer() {
            Optional<String> integrity = source.raw(Setting.ATTRIBUTES_INTEGRITY_KEY);
            Optional<String> encryption = source.raw(Setting.ATTRIBUTES_ENCRYPTION_KEY);
            if (integrity.isPresent() && encryption.isPresent()) {
                problems.add("set either " + name(Setting.ATTRIBUTES_INTEGRITY_KEY) + " or "
                        + name(Setting.ATTRIBUTES_ENCRYPTION_KEY) + ", not both: AES-GCM already protects integrity");
                return null;
            }
            if (integrity.isPresent()) {
                byte[] key = secretBytes(Setting.ATTRIBUTES_INTEGRITY_KEY, integrity.get(), 32, false);
                return key == null ? null : AttributeSealer.hmacSha256(key);
            }
            if (encryption.isPresent()) {
                byte[] key = secretBytes(Setting.ATTRIBUTES_ENCRYPTION_KEY, encryption.get(), 32, true);
                return key == null ? null : AttributeSealer.aesGcm(key);
            }
            return AttributeSealer.none();
        }

        private byte[] secretBytes(Setting setting, String text, int bytes, boolean exact) {
            String hint = "; generate one with: openssl rand -base64 32 | tr '+/' '-_' | tr -d '='";
            byte[] key;
            try {
                if (!text.matches("[A-Za-z0-9_-]+=*")) {
                    throw new IllegalArgumentException();
                }
                key = Base64.getUrlDecoder().decode(text.replace("=", ""));
            } catch (IllegalArgumentException e) {
                problems.add(name(setting) + " (value hidden) is not base64url" + hint);
                return null;
            }
            if (exact ? key.length != bytes : key.length < bytes) {
                problems.add(name(setting) + " (value hidden) must be " + (exact ? "exactly " : "at least ")
                        + (bytes * 8) + " bits (" + bytes + " bytes), was " + key.length + " bytes" + hint);
                return null;
            }
            return key;
        }

        private <T> T convert(Setting setting, String raw, Function<String, T> parse) {
            try {
                return parse.apply(raw);
            } catch (IllegalArgumentException e) {
                String shown = setting.isSecret() ? "(value hidden)" : "'" + raw + "'";
                problems.add(name(setting) + " " + shown + " " + e.getMessage());
                return null;
            }
        }

        private static String name(Setting setting) {
            return setting.key() + " (" + setting.environmentVariable() + ")";
        }
    }
}
