package io.github.sessionfilter.config;

import io.github.sessionfilter.attribute.AttributeCodec;
import io.github.sessionfilter.attribute.AttributePolicy;
import io.github.sessionfilter.attribute.JavaAttributeTranscoder;
import io.github.sessionfilter.core.SessionIds;
import io.github.sessionfilter.core.SessionStore;
import io.github.sessionfilter.SessionFilterConfigurationException;
import io.github.sessionfilter.SessionRegistry;
import io.github.sessionfilter.metrics.SessionFilterMetrics;
import io.github.sessionfilter.metrics.SessionMetrics;
import io.github.sessionfilter.redis.CredentialsSource;
import io.github.sessionfilter.redis.RedisConnectionOptions;
import io.github.sessionfilter.redis.RedisSessionStore;
import io.github.sessionfilter.token.TokenCodec;
import io.github.sessionfilter.web.ExpiryEvents;
import io.github.sessionfilter.web.ExpiryEventsMode;
import io.github.sessionfilter.web.SessionListeners;
import io.github.sessionfilter.web.UserTracking;
import io.github.sessionfilter.web.SessionCookie;
import io.github.sessionfilter.web.SessionLocking;
import io.github.sessionfilter.web.SessionServices;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Everything one filter instance runs on, started in two steps. First everything is read and checked:
 * the settings, {@code web.xml}, the app's session cookie configuration, the listener classes and the
 * credentials provider; one {@link SessionFilterConfigurationException} lists every problem, and
 * nothing has started yet. Then the resources start (the Redis client and its threads); if a later
 * step fails, whatever started is closed, so a failed redeploy leaks no client and no class loader.
 */
public final class FilterRuntime implements AutoCloseable {
    private static final Logger LOG = System.getLogger(FilterRuntime.class.getName());
    /**
     * The servlet context attribute where the filter's {@code ServletContainerInitializer} leaves the
     * names of the {@code @WebListener} session listener classes the container reported.
     */
    public static final String ANNOTATED_LISTENERS = "io.github.sessionfilter.SessionListenerInitializer.LISTENERS";

    private final SessionServices services;
    /** Null while expiry events are off. */
    private final ExpiryEvents expiryEvents;
    private final RedisSessionStore store;
    /** Null while {@code health.path} is not set. */
    private final String healthPath;
    private final SessionFilterMetrics metrics;

    private FilterRuntime(SessionServices services, ExpiryEvents expiryEvents, RedisSessionStore store, String healthPath,
                          SessionFilterMetrics metrics) {
        this.services = services;
        this.expiryEvents = expiryEvents;
        this.store = store;
        this.healthPath = healthPath;
        this.metrics = metrics;
    }

    /** Checks everything, then starts; throws {@link SessionFilterConfigurationException} listing every problem. */
    public static FilterRuntime start(ServletContext context, Map<String, String> initParams,
                                      Map<String, String> environment, Properties systemProperties) {
        SettingsSource source = new SettingsSource(environment, systemProperties, initParams);
        for (String name : source.unknownEnvironmentVariables()) {
            LOG.log(Level.WARNING, "Environment variable {0} is not a setting of session-filter and is ignored", name);
        }
        WebXml webXml = WebXml.read(context);
        FilterSettings.ContainerDefaults defaults = containerDefaults(context, webXml);
        ClassLoader appLoader = context.getClassLoader() != null
                ? context.getClassLoader() : Thread.currentThread().getContextClassLoader();

        SettingsParser parser = new SettingsParser(source);
        FilterSettings settings = FilterSettings.parse(parser, defaults);
        SessionListeners listeners = SessionListenerDiscovery.discover(context, webXml.listenerClasses(),
                settings.session().listenerClasses(), parser.problems);
        CredentialsSource credentials = CredentialsProviderLoader.load(settings.redis().credentialsProviderClass(), appLoader,
                parser.problems);
        if (!parser.problems.isEmpty()) {
            throw new SessionFilterConfigurationException(parser.problems);
        }
        logEffective(context, source, settings, defaults);
        return start(settings, listeners, credentials, context, appLoader);
    }

    /** The second step: nothing here can fail on configuration; whatever started is closed if something does. */
    private static FilterRuntime start(FilterSettings settings, SessionListeners listeners,
                                       CredentialsSource credentials, ServletContext context, ClassLoader appLoader) {
        Clock clock = Clock.systemUTC();
        ProtectionSettings protection = settings.protection();
        AttributePolicy policy = AttributePolicy.builder().allow(protection.allowPatterns().toArray(new String[0]))
                .maxBytesPerAttribute(protection.maxAttributeBytes()).maxDepth(protection.maxDepth()).build();
        JavaAttributeTranscoder transcoder = new JavaAttributeTranscoder(new AttributeCodec(appLoader, policy),
                protection.sealer());
        TokenSettings token = settings.token();
        SessionSettings session = settings.session();
        TokenCodec tokens = new TokenCodec(token.keys(), token.algorithm(), token.issuer(), token.audience(),
                session.absoluteTimeout(), clock);
        boolean announceExpiries = session.expiryEvents() == ExpiryEventsMode.ON
                || (session.expiryEvents() == ExpiryEventsMode.AUTO && listeners.hearEndings());
        SessionCookie cookie = settings.cookie().cookie(tokens, clock);
        SessionFilterMetrics metrics = SessionFilterMetrics.start(context.getContextPath(), cookie::rejectedTokens);
        RedisSessionStore store;
        try {
            store = RedisSessionStore.create(settings.redis().connection().withCredentials(credentials),
                    settings.redis().keyPrefix(), maxHashBytes(protection.maxSessionBytes()),
                    announceExpiries ? expiryGrace(session.expirySweep()) : null, metrics.recorder()::redisCall);
        } catch (RuntimeException | Error e) {
            metrics.close();
            throw e;
        }
        try {
            ReliabilitySettings reliability = settings.reliability();
            SessionLocking locking = reliability.lockedPaths().isOff() ? SessionLocking.OFF
                    : new SessionLocking(reliability.lockedPaths(), metrics.observe(
                            store.sessionLock(reliability.lockLease(), reliability.lockWait())), reliability.lockTimeoutPolicy());
            ExpiryEvents events = store.expiries().map(expiries -> ExpiryEvents.start(metrics.observe(expiries), transcoder, listeners,
                    context, clock, session.expirySweep(), appLoader)).orElse(null);
            SessionStore observed = metrics.observe(store, store.expiries().isPresent());
            UserTracking users = session.user() == null ? UserTracking.OFF : new UserTracking(store.userIndex(), observed, session.user(),
                    session.maxPerUser(), session.absoluteTimeout(), events == null ? id -> { } : events::announceNow, clock);
            SessionServices services = new SessionServices(observed, cookie, transcoder,
                    listeners, context, clock, new SessionIds(), session.idleTimeout(), session.absoluteTimeout(), locking,
                    reliability.unavailable(), protection.rotation(), protection.maxSessionBytes(), session.access(), users);
            if (events != null) {
                LOG.log(Level.INFO, "Timed-out sessions are announced to the app''s listeners (session.expiry-events),"
                        + " swept every {0} ms", String.valueOf(session.expirySweep().toMillis()));
            }
            return new FilterRuntime(services, events, store, settings.observability().healthPath(), metrics);
        } catch (RuntimeException | Error e) {
            store.close();
            metrics.close();
            throw e;
        }
    }

    private static FilterSettings.ContainerDefaults containerDefaults(ServletContext context, WebXml webXml) {
        Integer timeout = null;
        try {
            int minutes = context.getSessionTimeout();
            timeout = minutes > 0 ? minutes : null;
        } catch (RuntimeException e) {
            // Some containers (or contexts without session support) refuse this call; use our defaults.
        }
        AppCookieConfig appCookie = AppCookieConfig.read(context);
        for (String ignored : appCookie.ignored()) {
            LOG.log(Level.WARNING, "The app''s session cookie configuration is ignored in part: {0}", ignored);
        }
        return new FilterSettings.ContainerDefaults(context.getContextPath(), timeout, webXml.cookieName(), appCookie,
                webXml.displayName());
    }

    private static void logEffective(ServletContext context, SettingsSource source, FilterSettings settings,
                                     FilterSettings.ContainerDefaults defaults) {
        LOG.log(Level.INFO, "session-filter for context ''{0}'': {1}", context.getContextPath(),
                settings.effective().entrySet().stream()
                        .map(e -> e.getKey().key() + "=" + e.getValue() + " [" + source.origin(e.getKey()) + "]")
                        .collect(Collectors.joining(", ")));
        if (source.raw(Setting.JWT_AUDIENCE).isEmpty() && defaults.defaultAudienceIsShared()) {
            LOG.log(Level.WARNING, "jwt.audience defaults to ''/'' (a root app without <display-name>): another such app"
                    + " with the same signing keys would accept this app''s session cookies; set SESSION_JWT_AUDIENCE to a"
                    + " name unique to this app, or give each app its own keys");
        }
        if (settings.redis().tlsVerify() == RedisConnectionOptions.TlsVerification.NONE) {
            LOG.log(Level.WARNING, "redis.tls-verify=none: the Redis server is not authenticated; use only in tests");
        }
    }

    /**
     * The largest session hash a load accepts: twice what {@code session.max-bytes} lets the filter write
     * (room for attribute names, sealing and a lowered limit), plus 64 KiB for the metadata. Anything
     * larger was written by something else and is not fetched.
     */
    static long maxHashBytes(long maxSessionBytes) {
        return maxSessionBytes > (Long.MAX_VALUE - 65_536) / 2 ? Long.MAX_VALUE : 2 * maxSessionBytes + 65_536;
    }

    /**
     * How long the data of a timed-out session stays for its announcement: long enough for several
     * sweeps and claims, at least 10 minutes, so that a short pause of every instance loses nothing.
     */
    static Duration expiryGrace(Duration sweep) {
        Duration enough = ExpiryEvents.lease(sweep).multipliedBy(4);
        return enough.compareTo(Duration.ofMinutes(10)) > 0 ? enough : Duration.ofMinutes(10);
    }

    /** The user's sessions, when the filter knows who the user is ({@code session.user}). */
    public Optional<SessionRegistry> registry() {
        UserTracking users = services.users();
        return users.isOn() ? Optional.of(new Registry(users)) : Optional.empty();
    }

    /** {@link SessionRegistry} over the user index. */
    private record Registry(UserTracking users) implements SessionRegistry {
        @Override
        public List<SessionInfo> sessionsOf(String userId) {
            return users.sessionsOf(userId).stream().map(s -> new SessionInfo(s.ref(),
                    Instant.ofEpochMilli(s.createdMillis()), Instant.ofEpochMilli(s.lastAccessedMillis()))).toList();
        }

        @Override
        public boolean revoke(String userId, String ref) {
            return users.revoke(userId, ref);
        }

        @Override
        public int revokeAll(String userId) {
            return users.revokeAllBut(userId, null);
        }

        @Override
        public int revokeAllBut(String userId, String currentSessionId) {
            return users.revokeAllBut(userId, currentSessionId);
        }
    }

    /** The path the filter answers itself with the health of Redis ({@code health.path}), when set. */
    public Optional<String> healthPath() {
        return Optional.ofNullable(healthPath);
    }

    /**
     * Asks Redis for a {@code PING} within {@code redis.timeout}; throws
     * {@link io.github.sessionfilter.core.SessionStoreException} when it does not answer.
     */
    public void pingStore() {
        store.ping();
    }

    /** Where the filter's own events go (the 503s it answers). */
    public SessionMetrics metrics() {
        return metrics.recorder();
    }

    /** What requests run on. */
    public SessionServices services() {
        return services;
    }

    /** Closes the Redis client (and the credentials provider). */
    @Override
    public void close() {
        if (expiryEvents != null) {
            expiryEvents.close();
        }
        services.store().close();
        metrics.close();
    }
}
