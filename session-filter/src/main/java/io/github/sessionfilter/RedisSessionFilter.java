package io.github.sessionfilter;

import io.github.sessionfilter.config.FilterRuntime;
import io.github.sessionfilter.core.SessionStoreException;
import io.github.sessionfilter.metrics.SessionMetrics;
import io.github.sessionfilter.web.SessionRequest;
import io.github.sessionfilter.web.SessionResponse;
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
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Replaces the container's {@code HttpSession} with one kept in Redis, named by a signed token in a
 * cookie. Add it first in the chain, mapped to {@code /*}; the application keeps calling
 * {@code request.getSession()}. Configuration: see {@link io.github.sessionfilter.config.Setting}. A request that needs its session
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
    private volatile HealthCheck health = HealthCheck.OFF;
    private volatile SessionMetrics metrics = SessionMetrics.NONE;
    private FilterRuntime runtime;
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
        runtime = FilterRuntime.start(context, initParams, environment, System.getProperties());
        services = runtime.services();
        metrics = runtime.metrics();
        health = runtime.healthPath().map(path -> new HealthCheck(path, runtime::pingStore, unavailableLog))
                .orElse(HealthCheck.OFF);
        this.context = context;
        SessionFilterStatistics statistics = services.cookie()::rejectedTokens;
        context.setAttribute(SessionFilterStatistics.CONTEXT_ATTRIBUTE, statistics);
        runtime.registry().ifPresent(registry -> context.setAttribute(SessionRegistry.CONTEXT_ATTRIBUTE, registry));
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || req.getAttribute(ACTIVE) != null) {
            chain.doFilter(req, res);
            return;
        }
        if (health.answer(request, response)) {
            return;
        }
        SessionTransaction transaction = transactionFor(request, response);
        SessionResponse wrappedResponse = new SessionResponse(response, transaction::commit);
        SessionRequest wrappedRequest = new SessionRequest(request, transaction, wrappedResponse);
        request.setAttribute(ACTIVE, Boolean.TRUE);
        inFlight.enter();
        try {
            chain.doFilter(wrappedRequest, wrappedResponse);
            if (wrappedResponse.committedSession()) {
                transaction.commit(); // the response committed during the chain: write what changed since
            } else {
                wrappedResponse.beforeCommit(); // the one commit of this request
            }
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
        metrics.unavailableAnswered();
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
        health = HealthCheck.OFF;
        metrics = SessionMetrics.NONE;
        runtime.close();
        runtime = null;
        services = null;
        if (context != null) {
            context.removeAttribute(SessionFilterStatistics.CONTEXT_ATTRIBUTE);
            context.removeAttribute(SessionRegistry.CONTEXT_ATTRIBUTE);
            context = null;
        }
        LOG.log(Level.INFO, "session-filter stopped in {0} ms", String.valueOf((System.nanoTime() - started) / 1_000_000));
    }
}
