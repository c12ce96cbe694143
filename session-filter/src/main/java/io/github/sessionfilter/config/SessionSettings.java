package io.github.sessionfilter.config;

import io.github.sessionfilter.web.ExpiryEventsMode;
import io.github.sessionfilter.web.SessionAccess;
import io.github.sessionfilter.web.UserTracking;
import java.time.Duration;
import java.util.List;

/**
 * How long sessions live, what counts as an access, the extra listeners, and whether timeouts are
 * announced: {@code session.timeout}, {@code session.absolute-timeout}, {@code session.access},
 * {@code listeners}, {@code session.expiry-events}, {@code session.expiry-sweep}.
 */
record SessionSettings(Duration idleTimeout, Duration absoluteTimeout, SessionAccess access, List<String> listenerClasses,
                       ExpiryEventsMode expiryEvents, Duration expirySweep, String user, int maxPerUser) {

    static SessionSettings parse(SettingsParser p, FilterSettings.ContainerDefaults container) {
        Duration idle = p.optional(Setting.SESSION_TIMEOUT, DurationText::parse)
                .orElseGet(() -> container.sessionTimeoutMinutes() == null
                        ? Duration.ofMinutes(30) : Duration.ofMinutes(container.sessionTimeoutMinutes()));
        Duration absolute = p.value(Setting.SESSION_ABSOLUTE_TIMEOUT, SettingsParser::positiveDuration);
        SessionAccess access = p.value(Setting.SESSION_ACCESS,
                t -> SettingsParser.choice(t, SessionAccess.class, "get-session or every-request"));
        List<String> listeners = p.optional(Setting.LISTENERS, SettingsParser::classNames).orElse(List.of());
        ExpiryEventsMode expiryEvents = p.value(Setting.SESSION_EXPIRY_EVENTS,
                t -> SettingsParser.choice(t, ExpiryEventsMode.class, "auto, on or off"));
        Duration expirySweep = p.value(Setting.SESSION_EXPIRY_SWEEP, SettingsParser::positiveDuration);
        String user = p.optional(Setting.SESSION_USER, t -> {
            UserTracking.UserSource.parse(t);
            return t.trim();
        }).orElse(null);
        Integer maxPerUser = p.value(Setting.SESSION_MAX_PER_USER,
                t -> SettingsParser.wholeNumber(t, 0, 10_000, "0 for no limit"));
        if (maxPerUser != null && maxPerUser > 0 && user == null && p.isUnset(Setting.SESSION_USER)) {
            p.problems.add(Setting.SESSION_MAX_PER_USER.key() + " needs " + Setting.SESSION_USER.key()
                    + " (who a session belongs to)");
        }
        if (idle != null && absolute != null && idle.compareTo(absolute) > 0) {
            p.problems.add(Setting.SESSION_TIMEOUT.key() + " (" + idle + ") is longer than "
                    + Setting.SESSION_ABSOLUTE_TIMEOUT.key() + " (" + absolute + ")");
        }
        return new SessionSettings(idle, absolute, access, listeners, expiryEvents, expirySweep, user,
                maxPerUser == null ? 0 : maxPerUser);
    }
}
