package io.github.sessionfilter.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

/**
 * The request the application sees: every session method goes to the request's
 * {@link SessionTransaction}, so the container's own session is never created.
 *
 * <p>{@code startAsync} commits the session first, on the request thread: another thread may
 * complete the response at any moment after it, before the filter's own commit at exit, and the
 * next request (maybe on another instance) must see what this one wrote. Changes made later on
 * another thread are not committed by the response (see the README's limits).
 */
public final class SessionRequest extends HttpServletRequestWrapper {
    private final SessionTransaction transaction;
    private final SessionResponse response;

    /**
     * @param response the filter's response for this request; with it, {@code startAsync()} marks the
     *                 response's commit as done, so a write on another thread never commits concurrently
     */
    public SessionRequest(HttpServletRequest request, SessionTransaction transaction, SessionResponse response) {
        super(request);
        this.transaction = transaction;
        this.response = response;
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

    /** Servlet 4's deprecated spelling (removed in Servlet 6), for the javax build: never from a URL either. */
    public boolean isRequestedSessionIdFromUrl() {
        return false;
    }

    @Override
    public AsyncContext startAsync() throws IllegalStateException {
        commitBeforeAsync(response);
        return super.startAsync();
    }

    @Override
    public AsyncContext startAsync(ServletRequest servletRequest, ServletResponse servletResponse)
            throws IllegalStateException {
        commitBeforeAsync(response);
        return super.startAsync(servletRequest, servletResponse);
    }

    private void commitBeforeAsync(SessionResponse ours) {
        if (isAsyncSupported()) { // otherwise the container throws; nothing to commit early
            ours.beforeCommit();
        }
    }
}
