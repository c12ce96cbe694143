package io.github.sessionfilter.web;

import io.github.sessionfilter.core.SessionState;
import io.github.sessionfilter.core.ValueObserver;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Objects;

/**
 * The {@link HttpSession} the application sees. It works on the request's in-memory
 * {@link SessionState} and fires listeners; it never talks to the store itself: attribute changes and
 * invalidation go to its {@link Owner} (the request's {@link SessionTransaction}, or the expiry sweep).
 */
final class RedisHttpSession implements HttpSession {

    /** What a session tells the code that holds it. */
    interface Owner {
        /** The application set or removed an attribute. */
        void attributeChanged(String name, Object previous, Object value);

        /** The application called {@code invalidate()}. */
        void invalidate(RedisHttpSession session);
    }

    private final Owner transaction;
    private final SessionState state;
    private final SessionListeners listeners;
    private final ServletContext servletContext;

    RedisHttpSession(Owner transaction, SessionState state, SessionListeners listeners,
                     ServletContext servletContext) {
        this.transaction = transaction;
        this.state = state;
        this.listeners = listeners;
        this.servletContext = servletContext;
        state.observeValues(new ValueObserver() {
            @Override
            public void activated(String name, Object value) {
                listeners.activated(RedisHttpSession.this, value);
            }

            @Override
            public void passivating(String name, Object value) {
                listeners.passivating(RedisHttpSession.this, value);
            }
        });
    }

    SessionState state() {
        return state;
    }

    @Override
    public long getCreationTime() {
        checkValid("getCreationTime");
        return state.createdMillis();
    }

    @Override
    public String getId() {
        return state.id();
    }

    @Override
    public long getLastAccessedTime() {
        checkValid("getLastAccessedTime");
        return state.lastAccessedMillis();
    }

    @Override
    public ServletContext getServletContext() {
        return servletContext;
    }

    @Override
    public void setMaxInactiveInterval(int interval) {
        state.maxInactiveSeconds(interval);
    }

    @Override
    public int getMaxInactiveInterval() {
        return state.maxInactiveSeconds();
    }

    @Override
    public Object getAttribute(String name) {
        checkValid("getAttribute");
        return name == null ? null : state.attribute(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        checkValid("getAttributeNames");
        return Collections.enumeration(state.attributeNames().stream()
                .filter(name -> !SessionIdRotation.isInternal(name)).toList());
    }

    @Override
    public void setAttribute(String name, Object value) {
        Objects.requireNonNull(name, "attribute name");
        checkValid("setAttribute");
        if (value == null) {
            removeAttribute(name);
            return;
        }
        Object previous = state.setAttribute(name, value);
        transaction.attributeChanged(name, previous, value);
        if (previous == null) {
            listeners.added(this, name, value);
        } else {
            listeners.replaced(this, name, previous, value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        checkValid("removeAttribute");
        if (name == null) {
            return;
        }
        Object previous = state.removeAttribute(name);
        transaction.attributeChanged(name, previous, null);
        if (previous != null) {
            listeners.removed(this, name, previous);
        }
    }

    @Override
    public void invalidate() {
        checkValid("invalidate");
        transaction.invalidate(this);
    }

    @Override
    public boolean isNew() {
        checkValid("isNew");
        return state.isNew();
    }

    // Servlet 4 (javax) declares these deprecated methods abstract in HttpSession; Servlet 6 removed them. They are
    // plain methods here, so that the javax build (session-filter-javax) implements them for old code calling them.
    // HttpSession.getSessionContext() (deprecated since Servlet 2.1) cannot be written against Servlet 6 and is
    // missing there.

    /** Servlet 4's deprecated {@code getValue}: {@link #getAttribute}. */
    public Object getValue(String name) {
        return getAttribute(name);
    }

    /** Servlet 4's deprecated {@code getValueNames}: {@link #getAttributeNames}, as an array. */
    public String[] getValueNames() {
        return Collections.list(getAttributeNames()).toArray(new String[0]);
    }

    /** Servlet 4's deprecated {@code putValue}: {@link #setAttribute}. */
    public void putValue(String name, Object value) {
        setAttribute(name, value);
    }

    /** Servlet 4's deprecated {@code removeValue}: {@link #removeAttribute}. */
    public void removeValue(String name) {
        removeAttribute(name);
    }

    private void checkValid(String method) {
        if (!state.isValid()) {
            throw new IllegalStateException(method + ": the session has already been invalidated");
        }
    }
}
