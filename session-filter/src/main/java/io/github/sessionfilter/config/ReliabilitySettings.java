package io.github.sessionfilter.config;

import io.github.sessionfilter.core.LockTimeoutPolicy;
import io.github.sessionfilter.web.LockedPaths;
import io.github.sessionfilter.web.UnavailableStorePolicy;
import java.time.Duration;

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

    static ReliabilitySettings parse(SettingsParser p) {
        UnavailableStorePolicy unavailable = p.value(Setting.REDIS_UNAVAILABLE,
                t -> SettingsParser.choice(t, UnavailableStorePolicy.class, "fail or degrade"));
        LockedPaths paths = p.value(Setting.SESSION_LOCK, LockedPaths::parse);
        Duration wait = p.value(Setting.SESSION_LOCK_WAIT, SettingsParser::positiveDuration);
        Duration lease = p.value(Setting.SESSION_LOCK_LEASE, SettingsParser::positiveDuration);
        LockTimeoutPolicy onTimeout = p.value(Setting.SESSION_LOCK_TIMEOUT_POLICY,
                t -> SettingsParser.choice(t, LockTimeoutPolicy.class, "fail or proceed"));
        return new ReliabilitySettings(unavailable, paths, wait, lease, onTimeout);
    }
}
