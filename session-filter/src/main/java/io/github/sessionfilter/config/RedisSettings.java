package io.github.sessionfilter.config;

import io.github.sessionfilter.redis.RedisConnectionOptions;
import io.github.sessionfilter.redis.RedisMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where Redis is and how to reach it: {@code redis.*}.
 *
 * @param caFile                   null for the JVM trust store
 * @param credentialsProviderClass null for the credentials in the URI
 */
record RedisSettings(String uri, Duration timeout, Path caFile, RedisConnectionOptions.TlsVerification tlsVerify,
                     String keyPrefix, RedisMode mode, String credentialsProviderClass) {

    static RedisSettings parse(SettingsParser p) {
        String uri = p.required(Setting.REDIS_URI, RedisSettings::checkUri);
        Duration timeout = p.value(Setting.REDIS_TIMEOUT, SettingsParser::positiveDuration);
        Path caFile = p.optional(Setting.REDIS_CA_FILE, RedisSettings::readableFile).orElse(null);
        RedisConnectionOptions.TlsVerification tlsVerify = p.value(Setting.REDIS_TLS_VERIFY,
                t -> SettingsParser.choice(t, RedisConnectionOptions.TlsVerification.class, "full, ca or none"));
        String keyPrefix = p.value(Setting.REDIS_KEY_PREFIX, RedisSettings::checkPrefix);
        RedisMode mode = p.value(Setting.REDIS_MODE,
                t -> SettingsParser.choice(t, RedisMode.class, "auto, standalone or cluster"));
        String provider = p.optional(Setting.REDIS_CREDENTIALS_PROVIDER, SettingsParser::className).orElse(null);
        if (uri != null && mode == RedisMode.CLUSTER && RedisConnectionOptions.isSentinelUri(uri)) {
            p.problems.add(Setting.REDIS_MODE.key() + " is cluster, but " + Setting.REDIS_URI.key()
                    + " names Sentinels (redis-sentinel://), which manage a single primary");
        }
        if (uri != null && provider != null && uri.matches("[a-z-]+://[^/@?#]*@.*")) {
            p.problems.add(Setting.REDIS_URI.key() + " contains credentials and " + Setting.REDIS_CREDENTIALS_PROVIDER.key()
                    + " is set; use one of them");
        }
        return new RedisSettings(uri, timeout, caFile, tlsVerify, keyPrefix, mode, provider);
    }

    /** The connection options for the store, without credentials provider. */
    RedisConnectionOptions connection() {
        return new RedisConnectionOptions(uri, timeout, caFile, tlsVerify).withMode(mode);
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

    private static String checkUri(String text) {
        if (RedisConnectionOptions.isSentinelUri(text)) {
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

    private static Path readableFile(String text) {
        Path path = Path.of(text);
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("is not a readable file");
        }
        return path;
    }

    private static String checkPrefix(String text) {
        if (text.contains("{") || text.contains("}")) {
            throw new IllegalArgumentException("must not contain { or } (the session id is the cluster hash tag)");
        }
        return text;
    }
}
