package io.github.sessionfilter.config;

import io.github.sessionfilter.core.LockTimeoutPolicy;
import io.github.sessionfilter.web.LockedPaths;
import io.github.sessionfilter.web.UnavailableStorePolicy;
import java.time.Duration;
import java.util.Locale;

/**
 * The validated reliability settings: what to do while Redis does not answer, and the opt-in
 * per-session lock. Parsed together with every other setting, so one exception lists all problems.
 */
record ReliabilitySettings(
        UnavailableStorePolicy unavailable,
        LockedPaths lockedPaths,
        Duration lockWait,
        Duration lockLease,
        LockTimeoutPolicy lockTimeoutPolicy) {

    static ReliabilitySettings parse(FilterSettings.Parser p) {
        UnavailableStorePolicy unavailable = p.value(Setting.REDIS_UNAVAILABLE,
                t -> choice(t, UnavailableStorePolicy.class, "fail or degrade"));
        LockedPaths paths = p.value(Setting.SESSION_LOCK, LockedPaths::parse);
        Duration wait = p.value(Setting.SESSION_LOCK_WAIT, ReliabilitySettings::positive);
        Duration lease = p.value(Setting.SESSION_LOCK_LEASE, ReliabilitySettings::positive);
        LockTimeoutPolicy onTimeout = p.value(Setting.SESSION_LOCK_TIMEOUT_POLICY,
                t -> choice(t, LockTimeoutPolicy.class, "fail or proceed"));
        return new ReliabilitySettings(unavailable, paths, wait, lease, onTimeout);
    }

    private static <E extends Enum<E>> E choice(String text, Class<E> type, String allowed) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be " + allowed);
        }
    }

    private static Duration positive(String text) {
        Duration duration = DurationText.parse(text);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("must be positive");
        }
        return duration;
    }
}
