package io.github.sessionfilter.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

/**
 * The request the application sees: every session method goes to the request's
 * {@link SessionTransaction}, so the container's own session is never created.
 */
public final class SessionRequest extends HttpServletRequestWrapper {
    private final SessionTransaction transaction;

    public SessionRequest(HttpServletRequest request, SessionTransaction transaction) {
        super(request);
        this.transaction = transaction;
    }

    @Override
    public HttpSession getSession(boolean create) {
        return transaction.getSession(create);
    }

    @Override
    public HttpSession getSession() {
        return transaction.getSession(true);
    }

    @Override
    public String changeSessionId() {
        return transaction.changeSessionId();
    }

    @Override
    public String getRequestedSessionId() {
        return transaction.requestedSessionId();
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        return transaction.requestedSessionIdValid();
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        return transaction.requestedSessionId() != null;
    }

    /** Session ids never travel in URLs. */
    @Override
    public boolean isRequestedSessionIdFromURL() {
        return false;
    }
}
