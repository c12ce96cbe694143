package io.github.sessionfilter.config;

import io.github.sessionfilter.SessionFilterConfigurationException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The validated, typed configuration of one filter instance, in groups that each parse their own
 * settings through one {@link SettingsParser}. {@link #parse} checks every setting and throws one
 * {@link SessionFilterConfigurationException} listing all problems.
 *
 * @param effective every setting's value for the start-up log, secrets hidden
 */
record FilterSettings(RedisSettings redis, TokenSettings token, SessionSettings session, CookieSettings cookie,
                      ProtectionSettings protection, ReliabilitySettings reliability, ObservabilitySettings observability,
                      Map<Setting, String> effective) {

    /**
     * What the container and the app say before any setting of ours: the context path, the session
     * timeout, the cookie name in {@code web.xml}, the app's {@code SessionCookieConfig}, and the app's
     * display name ({@code <display-name>}, null if none).
     */
    record ContainerDefaults(String contextPath, Integer sessionTimeoutMinutes, String cookieName, AppCookieConfig appCookie,
                             String displayName) {
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

    /** Parses and checks every setting; throws one exception listing every problem. */
    static FilterSettings parse(SettingsSource source, ContainerDefaults container) {
        SettingsParser p = new SettingsParser(source);
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
    static FilterSettings parse(SettingsParser p, ContainerDefaults container) {
        for (String name : p.source.unknownInitParams()) {
            p.problems.add("init-param '" + name + "' is not a setting of session-filter (known: "
                    + String.join(", ", Arrays.stream(Setting.values()).map(Setting::key).toList()) + ")");
        }
        for (String name : p.source.unknownSystemProperties()) {
            p.problems.add("system property '" + name + "' is not a setting of session-filter");
        }
        RedisSettings redis = RedisSettings.parse(p);
        TokenSettings token = TokenSettings.parse(p, container);
        SessionSettings session = SessionSettings.parse(p, container);
        CookieSettings cookie = CookieSettings.parse(p, container);
        ProtectionSettings protection = ProtectionSettings.parse(p);
        ReliabilitySettings reliability = ReliabilitySettings.parse(p);
        ObservabilitySettings observability = ObservabilitySettings.parse(p);
        Map<Setting, String> effective = p.problems.isEmpty() ? effective(p.source, redis, token, container) : Map.of();
        return new FilterSettings(redis, token, session, cookie, protection, reliability, observability, effective);
    }

    private static Map<Setting, String> effective(SettingsSource source, RedisSettings redis, TokenSettings token,
                                                  ContainerDefaults container) {
        Map<Setting, String> effective = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            effective.put(s, s.isSecret() ? source.raw(s).map(v -> "****").orElse("(unset)")
                    : source.raw(s).or(s::defaultValue).orElse("(unset)"));
        }
        CookieSettings.appChoices(container.appCookie()).forEach((setting, value) -> {
            if (source.raw(setting).isEmpty()) {
                effective.put(setting, value + " (the app's SessionCookieConfig)");
            }
        });
        effective.put(Setting.REDIS_URI, RedisSettings.redactUri(redis.uri()));
        effective.put(Setting.JWT_KEYS, token.keys().toString());
        return effective;
    }
}
