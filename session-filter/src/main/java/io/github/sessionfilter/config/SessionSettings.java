package io.github.sessionfilter.config;

import io.github.sessionfilter.web.SessionAccess;
import java.time.Duration;
import java.util.List;

/**
 * How long sessions live, what counts as an access, and the extra listeners: {@code session.timeout},
 * {@code session.absolute-timeout}, {@code session.access}, {@code listeners}.
 */
record SessionSettings(Duration idleTimeout, Duration absoluteTimeout, SessionAccess access, List<String> listenerClasses) {

    static SessionSettings parse(SettingsParser p, FilterSettings.ContainerDefaults container) {
        Duration idle = p.optional(Setting.SESSION_TIMEOUT, DurationText::parse)
                .orElseGet(() -> container.sessionTimeoutMinutes() == null
                        ? Duration.ofMinutes(30) : Duration.ofMinutes(container.sessionTimeoutMinutes()));
        Duration absolute = p.value(Setting.SESSION_ABSOLUTE_TIMEOUT, SettingsParser::positiveDuration);
        SessionAccess access = p.value(Setting.SESSION_ACCESS,
                t -> SettingsParser.choice(t, SessionAccess.class, "get-session or every-request"));
        List<String> listeners = p.optional(Setting.LISTENERS, SettingsParser::classNames).orElse(List.of());
        if (idle != null && absolute != null && idle.compareTo(absolute) > 0) {
            p.problems.add(Setting.SESSION_TIMEOUT.key() + " (" + idle + ") is longer than "
                    + Setting.SESSION_ABSOLUTE_TIMEOUT.key() + " (" + absolute + ")");
        }
        return new SessionSettings(idle, absolute, access, listeners);
    }
}
