package io.github.sessionfilter.web;

import io.github.sessionfilter.core.SessionIds;
import io.github.sessionfilter.core.SessionLock;
import io.github.sessionfilter.core.SessionLockTimeoutException;
import io.github.sessionfilter.core.SessionRecord;
import io.github.sessionfilter.core.SessionState;
import io.github.sessionfilter.core.SessionStoreException;
import io.github.sessionfilter.token.VerifiedToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The session work of one request: finds the requested session lazily (the cookie names it, then
 * one load), creates, renames and invalidates, and commits the changes once before the response is
 * committed and again, for later changes only, when the filter exits.
 */
public final class SessionTransaction implements RedisHttpSession.Owner {
    private static final Logger LOG = System.getLogger(SessionTransaction.class.getName());

    private final SessionServices services;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final LoginRotation rotation;
    private List<VerifiedToken> requested;
    private String requestedId;
    /** The user the browser's token names (the one it came with, or the last one sent). */
    private String tokenUser;
    private boolean loaded;
    private boolean requestedValid;
    private boolean touched;
    private boolean userTouched;
    private RedisHttpSession session;
    private SessionLock.Lease lease = SessionLock.Lease.NONE;

    public SessionTransaction(SessionServices services, HttpServletRequest request, HttpServletResponse response) {
        this.services = services;
        this.request = request;
        this.response = response;
        this.rotation = new LoginRotation(services.rotation(), request);
    }

    /** {@link HttpServletRequest#getSession(boolean)}. */
    public HttpSession getSession(boolean create) {
        if (session != null && session.state().isValid()) {
            return session;
        }
        loadRequested();
        if (session != null && session.state().isValid()) {
            return session;
        }
        if (!create) {
            return null;
        }
        if (response.isCommitted()) {
            throw new IllegalStateException("Cannot create a session after the response has been committed");
        }
        long now = services.clock().millis();
        SessionState state = SessionState.create(services.ids().next(), now, services.defaultMaxInactiveSeconds(),
                now + services.absoluteTimeout().toMillis(), services.transcoder());
        attach(state);
        services.cookie().send(request, response, state.id(), state.expiresAtMillis(), null);
        tokenUser = null;
        services.listeners().created(session);
        return session;
    }

    /** The id named by a valid token in the request's cookie; null when there is none. No store access. */
    public String requestedSessionId() {
        resolveRequested();
        return requestedId;
    }

    /** Whether the requested session exists and is the current one. Loads it if not loaded yet. */
    public boolean requestedSessionIdValid() {
        loadRequested();
        return requestedValid && session != null && session.state().isValid() && session.getId().equals(requestedId);
    }

    /** {@link HttpServletRequest#changeSessionId()}: new id and token, same attributes, old id dead at once. */
    public String changeSessionId() {
        if (getSession(false) == null) {
            throw new IllegalStateException("changeSessionId: the request has no session");
        }
        if (response.isCommitted()) {
            throw new IllegalStateException("changeSessionId: the response has already been committed");
        }
        SessionState state = session.state();
        String oldId = state.id();
        String newId = services.ids().next();
        if (!state.moveTo(services.store(), newId, services.clock().millis())) {
            throw new IllegalStateException("changeSessionId: the session ended on another instance");
        }
        tokenUser = services.users().userOf(state);
        services.cookie().send(request, response, newId, state.expiresAtMillis(), tokenUser);
        services.users().afterMove(state, oldId);
        rotation.idChanged();
        services.listeners().idChanged(session, oldId);
        return newId;
    }

    /** Called by {@link RedisHttpSession#invalidate()}. */
    @Override
    public void invalidate(RedisHttpSession target) {
        SessionState state = target.state();
        String user = services.users().userOf(state);
        services.listeners().destroyed(target);
        for (Map.Entry<String, Object> attribute : state.allAttributes().entrySet()) {
            state.removeAttribute(attribute.getKey());
            if (!SessionIdRotation.isInternal(attribute.getKey())) {
                services.listeners().removed(target, attribute.getKey(), attribute.getValue());
            }
        }
        state.deleteFrom(services.store());
        services.users().afterDelete(user, state.id());
        if (!response.isCommitted()) {
            services.cookie().expire(request, response);
        }
    }

    /** Called by {@link RedisHttpSession} after the application set or removed an attribute. */
    @Override
    public void attributeChanged(String name, Object previous, Object value) {
        rotation.attributeChanged(name, previous, value);
        if (services.users().watches(name)) {
            userTouched = true;
        }
    }

    /**
     * Writes what changed, if anything. Safe to call more than once: a second call writes only what
     * changed after the first, and nothing if nothing did.
     */
    public void commit() {
        if (session == null) {
            touchRequested();
            return;
        }
        if (!session.state().isValid()) {
            return;
        }
        SessionState state = session.state();
        // The user first, so that a rotation at login sends a token naming the new user.
        UserTracking.UserChange userChange = services.users().beforeCommit(request, state, userTouched);
        userTouched = false;
        rotateIfDue();
        if (!state.isValid()) {
            return; // the rotation found it ended on another instance
        }
        boolean saved;
        try {
            saved = state.saveTo(services.store(), services.clock().millis());
        } catch (SessionStoreException e) {
            services.unavailable().onCommitFailure(e, state);
            return;
        }
        if (saved && userChange != null) {
            services.users().afterCommit(userChange, state);
            sendTokenNaming(userChange.current(), state);
        }
        if (!saved) {
            LOG.log(Level.INFO, "Session {0} ended on another instance during this request; its changes were dropped",
                    SessionIds.abbreviate(state.id()));
        }
    }

    /** The token names the session's user (setting {@code session.user}): a new one when the user changed. */
    private void sendTokenNaming(String user, SessionState state) {
        if (!Objects.equals(user, tokenUser) && !response.isCommitted()) {
            services.cookie().send(request, response, state.id(), state.expiresAtMillis(), user);
            tokenUser = user;
        }
    }

    /** Ends the request's session work: gives back the session lock, if one is held. Never throws. */
    public void end() {
        SessionLock.Lease held = lease;
        lease = SessionLock.Lease.NONE;
        held.release();
    }

    /** Automatic id rotation: before the commit, while the cookie can still be set. */
    private void rotateIfDue() {
        if (!rotation.dueBeforeCommit(session.state())) {
            return;
        }
        if (response.isCommitted()) {
            LOG.log(Level.WARNING, "session.rotate-on={0}: the session id was not changed because the response was"
                    + " already committed; set the attribute before writing the response", rotation.rule());
            return;
        }
        try {
            changeSessionId();
        } catch (IllegalStateException e) {
            LOG.log(Level.INFO, "session.rotate-on: {0}", e.getMessage());
        }
    }

    /**
     * Under {@link SessionAccess#EVERY_REQUEST}, records the access of a request that named a session
     * but never asked for it. Best effort: a store failure never fails a request that did not use its
     * session.
     */
    private void touchRequested() {
        if (touched || loaded || services.access() != SessionAccess.EVERY_REQUEST) {
            return;
        }
        touched = true;
        resolveRequested();
        if (requestedId == null) {
            return;
        }
        try {
            services.store().touch(requestedId, services.clock().millis());
        } catch (SessionStoreException e) {
            LOG.log(Level.DEBUG, "session.access=every-request: the access of session {0} was not recorded: {1}",
                    SessionIds.abbreviate(requestedId), e.getMessage());
        }
    }

    private void resolveRequested() {
        if (requested == null) {
            requested = services.cookie().requested(request);
            requestedId = requested.isEmpty() ? null : requested.get(0).sessionId();
        }
    }

    /**
     * Loads the first requested session that still exists. A planted token of a dead session placed
     * first (cookie tossing) must not log the visitor out, so candidates whose session is gone are
     * skipped, at one round trip each.
     */
    private void loadRequested() {
        resolveRequested();
        if (loaded || requestedId == null) {
            return;
        }
        long now = services.clock().millis();
        for (VerifiedToken token : requested) {
            String candidate = token.sessionId();
            Optional<SessionRecord> record;
            try {
                lease.release();
                lease = services.locking().acquire(request, candidate);
                record = services.store().load(candidate, now);
            } catch (SessionLockTimeoutException e) {
                throw e;
            } catch (SessionStoreException e) {
                // Under the fail policy this propagates and leaves 'loaded' false: never an empty session
                // that could later overwrite the real one.
                SessionState detached = services.unavailable().onLoadFailure(e, services, now);
                loaded = true;
                attach(detached);
                return;
            }
            if (record.isPresent()) {
                loaded = true;
                requestedId = candidate;
                tokenUser = token.userId();
                requestedValid = true;
                attach(SessionState.loaded(record.get(), now, services.transcoder()));
                return;
            }
        }
        loaded = true;
    }

    /** Makes {@code state} the request's session, under the session byte limit. */
    private void attach(SessionState state) {
        state.limitTotalBytes(services.maxSessionBytes());
        session = new RedisHttpSession(this, state, services.listeners(), services.servletContext());
    }
}
