package io.github.sessionfilter.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting the filter understands. Each has an init-param name ({@code redis.uri}) and an
 * environment variable ({@code SESSION_REDIS_URI}: {@code SESSION_} plus the name in upper snake
 * case); a Java system property {@code session.<name>} is read too. Precedence: environment, then
 * system property, then init-param, then the default.
 */
public enum Setting {
    REDIS_URI("redis.uri", null, true,
            "Redis to use: redis://[:password@]host:port[/db] or rediss:// for TLS (a single server, or any node or the "
                    + "discovery endpoint of a cluster), or redis-sentinel://host:port,host:port/?sentinelMasterId=name. Required."),
    REDIS_TIMEOUT("redis.timeout", "1s", false,
            "How long a Redis command may take before the request gets a 503."),
    REDIS_CA_FILE("redis.ca-file", null, false,
            "PEM file with the CA of a rediss:// server (e.g. Memorystore's server CA). Default: the JVM trust store."),
    REDIS_TLS_VERIFY("redis.tls-verify", "full", false,
            "full (chain and host name), ca (chain only, for certificates without the address) or none."),
    REDIS_KEY_PREFIX("redis.key-prefix", "session:", false,
            "Prefix of every key, so several applications can share one Redis."),
    JWT_KEYS("jwt.keys", null, true,
            "Signing keys: comma-separated kid:secret pairs, secret in base64url; the first signs, all verify."),
    JWT_KEYS_FILE("jwt.keys.file", null, false,
            "A file holding the jwt.keys text (a mounted secret). Use either this or jwt.keys."),
    JWT_ALGORITHM("jwt.algorithm", "HS256", false, "HS256, HS384 or HS512."),
    JWT_ISSUER("jwt.issuer", "session-filter", false, "Issuer claim of the session token."),
    JWT_AUDIENCE("jwt.audience", null, false,
            "Audience claim: binds tokens to this application. Default: the context path."),
    SESSION_TIMEOUT("session.timeout", null, false,
            "Idle timeout, e.g. 30m. Default: <session-timeout> in web.xml, else 30m."),
    SESSION_ABSOLUTE_TIMEOUT("session.absolute-timeout", "8h", false,
            "A session ends this long after it was created, however active it is."),
    COOKIE_NAME("cookie.name", null, false,
            "Cookie name. Default: the app's SessionCookieConfig name (set in code or web.xml), else SESSION."),
    COOKIE_SAME_SITE("cookie.same-site", "Lax", false,
            "Lax, Strict or None (None requires Secure). Default: the app's SameSite cookie attribute, else Lax."),
    COOKIE_SECURE("cookie.secure", "auto", false,
            "auto (Secure when the request is HTTPS or has X-Forwarded-Proto: https), always or never."
                    + " Default: always when the app's SessionCookieConfig says Secure, else auto."),
    COOKIE_MAX_AGE("cookie.max-age", null, false,
            "Max-Age of the cookie, e.g. 8h. Default: the app's SessionCookieConfig max age, else none (the cookie"
                    + " ends with the browser session)."),
    COOKIE_DOMAIN("cookie.domain", null, false,
            "Domain attribute of the cookie. Default: the app's SessionCookieConfig domain, else none (host-only)."),
    AUTO_REGISTER("auto-register", "true", false,
            "true: when SESSION_REDIS_URI is set and web.xml does not declare the filter, register it first in"
                    + " the chain at start-up (no web.xml change needed); false: only web.xml declares it."),
    ATTRIBUTES_ALLOW("attributes.allow", null, false,
            "Extra classes that attributes may deserialize to: com.example.Cart, com.example.*, com.example.**."),
    REDIS_UNAVAILABLE("redis.unavailable", "fail", false,
            "fail (503 while Redis does not answer) or degrade (serve the request with an empty session that is never saved)."),
    SESSION_LOCK("session.lock", "off", false,
            "Per-session lock: off, all, or comma-separated URL patterns (/cart/*, *.do, /checkout) whose requests take it."),
    SESSION_LOCK_WAIT("session.lock-wait", "2s", false,
            "How long a request waits for the session lock before session.lock-timeout-policy applies."),
    SESSION_LOCK_LEASE("session.lock-lease", "10s", false,
            "How long a held session lock lives if its request never releases it (a crashed instance)."),
    SESSION_LOCK_TIMEOUT_POLICY("session.lock-timeout-policy", "fail", false,
            "fail (503 when the lock wait is over) or proceed (continue without the lock, logged)."),
    SESSION_ROTATE_ON("session.rotate-on", "principal", false,
            "Change the session id automatically: none, principal (when request.getUserPrincipal() names another user) or"
                    + " attribute:<name> (when that attribute gets a different value, e.g. attribute:user at login)."),
    SESSION_ACCESS("session.access", "get-session", false,
            "Which requests count as an access (last-accessed time, idle timeout): get-session (those that ask for"
                    + " their session; no Redis call for the others) or every-request (every request with a valid cookie;"
                    + " one extra round trip for a request that never asks)."),
    SESSION_EXPIRY_EVENTS("session.expiry-events", "auto", false,
            "Announce timed-out sessions to sessionDestroyed and valueUnbound listeners, once across all instances:"
                    + " auto (when the app has HttpSessionListeners or HttpSessionAttributeListeners), on or off."),
    SESSION_EXPIRY_SWEEP("session.expiry-sweep", "10s", false,
            "How often each instance looks for timed-out sessions to announce (expiry events)."),
    SESSION_USER("session.user", null, false,
            "Who each session belongs to, for listing and revoking a user's sessions (SessionRegistry): principal"
                    + " (request.getUserPrincipal()), attribute:<name> or attribute:<name>.<property> (e.g. attribute:user.id)."
                    + " Default: not tracked."),
    SESSION_MAX_PER_USER("session.max-per-user", "0", false,
            "Most live sessions per user (needs session.user); a new login beyond it ends the user's oldest session."
                    + " 0: no limit."),
    SESSION_MAX_BYTES("session.max-bytes", "4MiB", false,
            "Largest serialized size of all attributes of one session (e.g. 4MiB, 512KiB, 100000); more is refused."),
    ATTRIBUTES_MAX_BYTES("attributes.max-bytes", "1MiB", false,
            "Largest serialized size of one attribute (e.g. 1MiB, 64KiB); a larger value is refused at setAttribute."),
    ATTRIBUTES_MAX_DEPTH("attributes.max-depth", "20", false,
            "Deepest object nesting an attribute may have when read (4 to 64); deeper values are dropped. Nested hash"
                    + " collections can double the decoding time with every level, so keep it low."),
    ATTRIBUTES_INTEGRITY_KEY("attributes.integrity-key", null, true,
            "base64url secret of at least 256 bits: every stored attribute carries an HMAC-SHA256, and bytes"
                    + " written into Redis without the key are dropped before deserialization."),
    ATTRIBUTES_ENCRYPTION_KEY("attributes.encryption-key", null, true,
            "base64url secret of exactly 256 bits: attributes are encrypted with AES-256-GCM (confidentiality and"
                    + " integrity). Use this or attributes.integrity-key, not both."),
    REDIS_MODE("redis.mode", "auto", false,
            "auto (ask the server whether it is a cluster node), standalone or cluster. redis-sentinel:// URIs use Sentinel."),
    REDIS_CREDENTIALS_PROVIDER("redis.credentials-provider", null, false,
            "Class implementing io.github.sessionfilter.RedisCredentialsProvider, asked for a user name and password "
                    + "on every connect and reconnect (e.g. IAM access tokens). Default: the credentials in redis.uri."),
    LISTENERS("listeners", null, false,
            "Extra session listener classes (comma-separated) in addition to those declared in web.xml."),
    HEALTH_PATH("health.path", null, false,
            "A path in the app (e.g. /session-filter/health) that the filter answers itself, without the app: 200 when"
                    + " Redis answers a PING within redis.timeout, else 503. For a startup or readiness probe, never a"
                    + " liveness probe. Default: off.");

    private final String key;
    private final String defaultValue;
    private final boolean secret;
    private final String description;

    Setting(String key, String defaultValue, boolean secret, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
    }

    /** The init-param name, e.g. {@code redis.uri}. */
    public String key() {
        return key;
    }

    /** The environment variable, e.g. {@code SESSION_REDIS_URI}. */
    public String environmentVariable() {
        return "SESSION_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The Java system property, e.g. {@code session.redis.uri}. */
    public String systemProperty() {
        return "session." + key;
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Whether values must never be logged. */
    public boolean isSecret() {
        return secret;
    }

    public String description() {
        return description;
    }

    static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }
}
