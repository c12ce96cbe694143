package io.github.sessionfilter.config;

import java.util.Map;
import java.util.Properties;

/**
 * Whether the filter registers itself when {@code web.xml} does not declare it: only when
 * {@code redis.uri} is set (in the environment or a system property; {@code web.xml} cannot hold it
 * for an undeclared filter) and {@code auto-register} is not {@code false}.
 */
public enum AutoRegistration {
    /** Register the filter first in the chain. */
    REGISTER,
    /** {@code auto-register=false}: the operator switched it off. */
    SWITCHED_OFF,
    /** No {@code redis.uri}: the jar is present but not configured. */
    NOT_CONFIGURED;

    public static AutoRegistration decide(Map<String, String> environment, Properties systemProperties) {
        SettingsSource source = new SettingsSource(environment, systemProperties, Map.of());
        if (!"true".equalsIgnoreCase(source.raw(Setting.AUTO_REGISTER).orElse("true"))) {
            return SWITCHED_OFF;
        }
        return source.raw(Setting.REDIS_URI).isEmpty() ? NOT_CONFIGURED : REGISTER;
    }
}
