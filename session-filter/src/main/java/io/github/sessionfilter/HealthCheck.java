package io.github.sessionfilter;

import io.github.sessionfilter.core.SessionStoreException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The filter's own answer at {@code health.path}, for a platform's startup or readiness probe (Cloud Run's
 * startup probe): 200 when Redis answers a {@code PING} within {@code redis.timeout}, 503 otherwise. The app
 * never sees the request, no session is read or created, and the body says nothing about where Redis is
 * (the path is as public as the app). Not for a liveness probe: an instance whose Redis is away is not
 * broken, and restarting it would not bring Redis back. {@link #OFF} is the null object.
 */
class HealthCheck {
    /** {@code health.path} not set: never answers. */
    static final HealthCheck OFF = new HealthCheck(null, () -> { }, null) {
        @Override
        boolean answer(HttpServletRequest request, HttpServletResponse response) {
            return false;
        }
    };

    private final String path;
    private final Runnable ping;
    private final UnavailableLog failures;

    HealthCheck(String path, Runnable ping, UnavailableLog failures) {
        this.path = path;
        this.ping = ping;
        this.failures = failures;
    }

    /** Answers the request and returns true when it asks for the health path; else does nothing. */
    boolean answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !path.equals(pathWithinApp(request))) {
            return false;
        }
        int status;
        String body;
        try {
            ping.run();
            status = HttpServletResponse.SC_OK;
            body = "ok: the session store answered\n";
        } catch (SessionStoreException e) {
            failures.answered(e.getMessage());
            status = HttpServletResponse.SC_SERVICE_UNAVAILABLE;
            body = "unavailable: the session store did not answer\n";
        }
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(body);
        return true;
    }

    /** The request's path within the app, decoded and normalized by the container. */
    private static String pathWithinApp(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? servletPath : servletPath + pathInfo;
    }
}
