package io.github.sessionfilter.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where setting values come from: environment, system properties, init-params, in that order of
 * precedence. Unknown init-params are reported, so typos fail at start-up.
 */
final class SettingsSource {
    /** Variables with our prefix that belong to others (desktop sessions). */
    private static final Set<String> NOT_OURS = Set.of("SESSION_MANAGER");

    private final Map<String, String> environment;
    private final Properties systemProperties;
    private final Map<String, String> initParams;

    SettingsSource(Map<String, String> environment, Properties systemProperties, Map<String, String> initParams) {
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.initParams = initParams;
    }

    /** The raw value, or empty when no source sets it (blank values count as unset). */
    Optional<String> raw(Setting setting) {
        String value = environment.get(setting.environmentVariable());
        if (isBlank(value)) {
            value = systemProperties.getProperty(setting.systemProperty());
        }
        if (isBlank(value)) {
            value = initParams.get(setting.key());
        }
        return isBlank(value) ? Optional.empty() : Optional.of(value.trim());
    }

    /** Where the value of a setting comes from, for the start-up log. */
    String origin(Setting setting) {
        if (!isBlank(environment.get(setting.environmentVariable()))) {
            return "environment " + setting.environmentVariable();
        }
        if (!isBlank(systemProperties.getProperty(setting.systemProperty()))) {
            return "system property " + setting.systemProperty();
        }
        if (!isBlank(initParams.get(setting.key()))) {
            return "init-param " + setting.key();
        }
        return "default";
    }

    /** Init-params that name no setting. */
    List<String> unknownInitParams() {
        List<String> unknown = new ArrayList<>();
        for (String name : initParams.keySet()) {
            if (Setting.byKey(name).isEmpty()) {
                unknown.add(name);
            }
        }
        Collections.sort(unknown);
        return unknown;
    }

    /**
     * Environment variables that look like ours ({@code SESSION_...}) but name no setting: probably a
     * typo. Only warned about, never an error: other software uses the prefix too (desktops set
     * {@code SESSION_MANAGER}).
     */
    List<String> unknownEnvironmentVariables() {
        List<String> unknown = new ArrayList<>();
        for (String name : environment.keySet()) {
            if (name.startsWith("SESSION_") && !NOT_OURS.contains(name)
                    && Arrays.stream(Setting.values()).noneMatch(s -> s.environmentVariable().equals(name))) {
                unknown.add(name);
            }
        }
        Collections.sort(unknown);
        return unknown;
    }

    /** System properties under {@code session.} that name no setting. */
    List<String> unknownSystemProperties() {
        List<String> unknown = new ArrayList<>();
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith("session.") && Setting.byKey(name.substring("session.".length())).isEmpty()) {
                unknown.add(name);
            }
        }
        Collections.sort(unknown);
        return unknown;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
