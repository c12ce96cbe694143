package io.github.sessionfilter;

import io.github.sessionfilter.attribute.AttributeCodec;
import io.github.sessionfilter.attribute.AttributePolicy;
import io.github.sessionfilter.attribute.JavaAttributeTranscoder;
import io.github.sessionfilter.token.TokenCodec;
import io.github.sessionfilter.core.SessionIds;
import io.github.sessionfilter.core.SessionStoreException;
import io.github.sessionfilter.redis.RedisConnectionOptions;
import io.github.sessionfilter.redis.RedisSessionStore;
import io.github.sessionfilter.web.SessionCookie;
import io.github.sessionfilter.web.SessionLocking;
import io.github.sessionfilter.web.SessionRequest;
import io.github.sessionfilter.web.SessionResponse;
import io.github.sessionfilter.web.SessionSafeguards;
import io.github.sessionfilter.web.SessionServices;
import io.github.sessionfilter.web.SessionTransaction;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Replaces the container's {@code HttpSession} with one kept in Redis, named by a signed token in a
 * cookie. Add it first in the chain, mapped to {@code /*}; the application keeps calling
 * {@code request.getSession()}. Configuration: see {@link Setting}. A request that needs its session
 * while Redis does not answer gets a 503 with {@code Retry-After}; other requests are unaffected.
 */
public class RedisSessionFilter implements Filter {
    private static final Logger LOG = System.getLogger(RedisSessionFilter.class.getName());
    private static final String ACTIVE = RedisSessionFilter.class.getName() + ".ACTIVE";
    /** How long {@link #destroy()} lets in-flight requests finish their commits (Cloud Run allows 10 s). */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final Map<String, String> environment;
    private final UnavailableLog unavailableLog = new UnavailableLog(System::nanoTime);
    private final InFlightRequests inFlight = new InFlightRequests();
    /** Where this filter instance keeps a request's transaction for its later ERROR and ASYNC dispatches. */
    private final String transactionAttribute = RedisSessionFilter.class.getName() + ".TRANSACTION."
            + Integer.toHexString(System.identityHashCode(this));
    private volatile SessionServices services;
    private ServletContext context;

    public RedisSessionFilter() {
        this(System.getenv());
    }

    RedisSessionFilter(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        ServletContext context = config.getServletContext();
        Map<String, String> initParams = new HashMap<>();
        for (String name : Collections.list(config.getInitParameterNames())) {
            initParams.put(name, config.getInitParameter(name));
        }
        SettingsSource source = new SettingsSource(environment, System.getProperties(), initParams);
        for (String name : source.unknownEnvironmentVariables()) {
            LOG.log(Level.WARNING, "Environment variable {0} is not a setting of session-filter and is ignored", name);
        }
        WebXml webXml = WebXml.read(context);
        FilterSettings.ContainerDefaults defaults = containerDefaults(context, webXml);
        FilterSettings settings = FilterSettings.parse(source, defaults);
        LOG.log(Level.INFO, "session-filter for context ''{0}'': {1}", context.getContextPath(),
                settings.effective().entrySet().stream()
                        .map(e -> e.getKey().key() + "=" + e.getValue() + " [" + source.origin(e.getKey()) + "]")
                        .collect(Collectors.joining(", ")));
        if (source.raw(Setting.JWT_AUDIENCE).isEmpty() && defaults.defaultAudienceIsShared()) {
            LOG.log(Level.WARNING, "jwt.audience defaults to ''/'' (a root app without <display-name>): another such app"
                    + " with the same signing keys would accept this app''s session cookies; set SESSION_JWT_AUDIENCE to a"
                    + " name unique to this app, or give each app its own keys");
        }
        if (settings.tlsVerify() == RedisConnectionOptions.TlsVerification.NONE) {
            LOG.log(Level.WARNING, "redis.tls-verify=none: the Redis server is not authenticated; use only in tests");
        }
        services = build(settings, context, webXml);
        this.context = context;
        TokenCodec tokens = services.tokens();
        SessionFilterStatistics statistics = tokens::rejectedTokens;
        context.setAttribute(SessionFilterStatistics.CONTEXT_ATTRIBUTE, statistics);
    }

    private static SessionServices build(FilterSettings settings, ServletContext context, WebXml webXml) {
        Clock clock = Clock.systemUTC();
        ClassLoader appLoader = context.getClassLoader() != null
                ? context.getClassLoader() : Thread.currentThread().getContextClassLoader();
        FilterSettings.Protection protection = settings.protection();
        AttributePolicy policy = AttributePolicy.builder().allow(settings.allowPatterns().toArray(new String[0]))
                .maxBytesPerAttribute(protection.maxAttributeBytes()).maxDepth(protection.maxDepth()).build();
        JavaAttributeTranscoder transcoder = new JavaAttributeTranscoder(new AttributeCodec(appLoader, policy),
                protection.sealer());
        TokenCodec tokens = new TokenCodec(settings.signingKeys(), settings.algorithm(), settings.issuer(),
                settings.audience(), settings.absoluteTimeout(), clock);
        SessionCookie cookie = settings.cookie().cookie();
        RedisSessionStore store = RedisSessionStore.create(settings.redisConnection()
                .withCredentials(CredentialsProviderLoader.load(settings.credentialsProviderClass(), appLoader)), settings.keyPrefix(),
                maxHashBytes(protection.maxSessionBytes()));
        ReliabilitySettings reliability = settings.reliability();
        SessionLocking locking = reliability.lockedPaths().isOff() ? SessionLocking.OFF
                : new SessionLocking(reliability.lockedPaths(),
                        store.sessionLock(reliability.lockLease(), reliability.lockWait()), reliability.lockTimeoutPolicy());
        return new SessionServices(store, tokens, transcoder, cookie,
                SessionListenerDiscovery.discover(context, webXml.listenerClasses(), settings.listenerClasses()), context, clock,
                new SessionIds(), settings.idleTimeout(), settings.absoluteTimeout(), locking, reliability.unavailable(),
                new SessionSafeguards(protection.rotation(), protection.maxSessionBytes(), clock), settings.sessionAccess());
    }

    /**
     * The largest session hash a load accepts: twice what {@code session.max-bytes} lets the filter write
     * (room for attribute names, sealing and a lowered limit), plus 64 KiB for the metadata. Anything
     * larger was written by something else and is not fetched.
     */
    static long maxHashBytes(long maxSessionBytes) {
        return maxSessionBytes > (Long.MAX_VALUE - 65_536) / 2 ? Long.MAX_VALUE : 2 * maxSessionBytes + 65_536;
    }

    private static FilterSettings.ContainerDefaults containerDefaults(ServletContext context, WebXml webXml) {
        Integer timeout = null;
        try {
            int minutes = context.getSessionTimeout();
            timeout = minutes > 0 ? minutes : null;
        } catch (RuntimeException e) {
            // Some containers (or contexts without session support) refuse these calls; use our defaults.
        }
        AppCookieConfig appCookie = AppCookieConfig.read(context);
        for (String ignored : appCookie.ignored()) {
            LOG.log(Level.WARNING, "The app''s session cookie configuration is ignored in part: {0}", ignored);
        }
        return new FilterSettings.ContainerDefaults(context.getContextPath(), timeout, webXml.cookieName(), appCookie,
                webXml.displayName());
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || req.getAttribute(ACTIVE) != null) {
            chain.doFilter(req, res);
            return;
        }
        SessionTransaction transaction = transactionFor(request, response);
        SessionResponse wrappedResponse = new SessionResponse(response, transaction::commit);
        SessionRequest wrappedRequest = new SessionRequest(request, transaction, wrappedResponse);
        request.setAttribute(ACTIVE, Boolean.TRUE);
        inFlight.enter();
        try {
            chain.doFilter(wrappedRequest, wrappedResponse);
            wrappedResponse.beforeCommit();
            transaction.commit();
        } catch (IOException | ServletException | RuntimeException | Error e) {
            SessionStoreException unavailable = storeFailure(e);
            if (unavailable == null) {
                commitAfterFailure(transaction, e);
                throw e;
            }
            answerUnavailable(response, unavailable);
        } finally {
            transaction.end();
            request.removeAttribute(ACTIVE);
            inFlight.exit();
        }
    }

    /**
     * The request's session work. An ERROR or ASYNC dispatch continues the transaction of the dispatch
     * that came before it: the session it created or loaded is known only there (its cookie is in the
     * response, not the request), and loading it again would cost a round trip.
     */
    private SessionTransaction transactionFor(HttpServletRequest request, HttpServletResponse response) {
        DispatcherType type = request.getDispatcherType();
        if ((type == DispatcherType.ERROR || type == DispatcherType.ASYNC)
                && request.getAttribute(transactionAttribute) instanceof SessionTransaction earlier) {
            return earlier;
        }
        SessionTransaction transaction = new SessionTransaction(services, request, response);
        request.setAttribute(transactionAttribute, transaction);
        return transaction;
    }

    private static void commitAfterFailure(SessionTransaction transaction, Throwable failure) {
        // A container keeps in-memory changes made before an exception; so do we.
        try {
            transaction.commit();
        } catch (SessionStoreException e) {
            failure.addSuppressed(e);
        }
    }

    private static SessionStoreException storeFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SessionStoreException s) {
                return s;
            }
        }
        return null;
    }

    private void answerUnavailable(HttpServletResponse response, SessionStoreException failure) throws IOException {
        unavailableLog.answered(failure.getMessage());
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "1");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("Service temporarily unavailable: the session store did not answer. Please retry.\n");
    }

    /**
     * Lets requests still in the filter finish their commits (at most {@link #SHUTDOWN_WAIT}), then
     * closes the Redis client.
     */
    @Override
    public void destroy() {
        SessionServices current = services;
        if (current == null) {
            return;
        }
        long started = System.nanoTime();
        int unfinished = inFlight.awaitIdle(SHUTDOWN_WAIT);
        if (unfinished > 0) {
            LOG.log(Level.WARNING, "Closing the session store with {0} request(s) still running after {1} ms;"
                    + " their session changes may be lost", unfinished, String.valueOf(SHUTDOWN_WAIT.toMillis()));
        }
        current.store().close();
        services = null;
        if (context != null) {
            context.removeAttribute(SessionFilterStatistics.CONTEXT_ATTRIBUTE);
            context = null;
        }
        LOG.log(Level.INFO, "session-filter stopped in {0} ms", String.valueOf((System.nanoTime() - started) / 1_000_000));
    }
}
