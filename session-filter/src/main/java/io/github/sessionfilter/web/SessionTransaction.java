package io.github.sessionfilter.web;

import io.github.sessionfilter.token.VerifiedToken;
import io.github.sessionfilter.core.PendingWrite;
import io.github.sessionfilter.core.SessionIds;
import io.github.sessionfilter.core.SessionLock;
import io.github.sessionfilter.core.SessionLockTimeoutException;
import io.github.sessionfilter.core.SessionRecord;
import io.github.sessionfilter.core.SessionState;
import io.github.sessionfilter.core.SessionStoreException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The session work of one request: finds the requested session lazily (cookie, then token check on
 * the CPU, then one load), creates, renames and invalidates, and commits the changes once before the
 * response is committed and again, for later changes only, when the filter exits.
 */
public final class SessionTransaction {
    private static final Logger LOG = System.getLogger(SessionTransaction.class.getName());

    private SessionServices services;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    /** Most session cookies of our name a request is looked up by; more are ignored. */
    private static final int MAX_CANDIDATES = 3;

    private boolean tokenChecked;
    private final List<String> candidates = new ArrayList<>(1);
    private String requestedId;
    private boolean loaded;
    private boolean requestedValid;
    private RedisHttpSession session;
    private boolean rotationDue;
    private boolean idChanged;
    private boolean touched;
    private SessionLock.Lease lease = SessionLock.Lease.NONE;

    public SessionTransaction(SessionServices services, HttpServletRequest request, HttpServletResponse response) {
        this.services = services;
        this.request = request;
        this.response = response;
    }

    /** {@link HttpServletRequest#getSession(boolean)}. */
    public HttpSession getSession(boolean create) {
        if (session != null && session.isValid()) {
            return session;
        }
        loadRequested();
        if (session != null && session.isValid()) {
            return session;
        }
        if (!create) {
            return null;
        }
        if (response.isCommitted()) {
            throw new IllegalStateException("Cannot create a session after the response has been committed");
        }
        long now = services.clock().millis();
        String id = services.ids().next();
        long expires = now + services.absoluteTimeout().toMillis();
        SessionState state = SessionState.create(id, now, services.defaultMaxInactiveSeconds(), expires,
                services.transcoder());
        attach(state);
        writeCookie(state);
        services.listeners().created(session);
        return session;
    }

    /** The id named by a valid token in the request's cookie; null when there is none. No store access. */
    public String requestedSessionId() {
        checkToken();
        return requestedId;
    }

    /** Whether the requested session exists and is the current one. Loads it if not loaded yet. */
    public boolean requestedSessionIdValid() {
        loadRequested();
        return requestedValid && session != null && session.isValid() && session.getId().equals(requestedId);
    }

    /** {@link HttpServletRequest#changeSessionId()}: new id and token, same attributes, old id dead at once. */
    public String changeSessionId() {
        HttpSession current = getSession(false);
        if (current == null) {
            throw new IllegalStateException("changeSessionId: the request has no session");
        }
        if (response.isCommitted()) {
            throw new IllegalStateException("changeSessionId: the response has already been committed");
        }
        SessionState state = session.state();
        String oldId = state.id();
        String newId = services.ids().next();
        if (state.isNew()) {
            state.renameUnsaved(newId);
        } else {
            long now = services.clock().millis();
            PendingWrite copy = state.copyTo(newId, now);
            if (!services.store().changeId(oldId, copy.changes())) {
                session.markInvalid();
                throw new IllegalStateException("changeSessionId: the session ended on another instance");
            }
            state.movedTo(copy);
        }
        writeCookie(state);
        idChanged = true;
        services.listeners().idChanged(session, oldId);
        return newId;
    }

    /** Called by {@link RedisHttpSession#invalidate()}. */
    void invalidate(RedisHttpSession target) {
        services.listeners().destroyed(target);
        for (Map.Entry<String, Object> attribute : target.state().allAttributes().entrySet()) {
            target.state().removeAttribute(attribute.getKey());
            if (!SessionIdRotation.isInternal(attribute.getKey())) {
                services.listeners().removed(target, attribute.getKey(), attribute.getValue());
            }
        }
        target.markInvalid();
        if (target.state().isPersisted()) {
            services.store().delete(target.state().id());
        }
        if (!response.isCommitted()) {
            services.cookie().expire(request, response);
        }
    }

    /**
     * Writes what changed, if anything. Safe to call more than once: a second call writes only what
     * changed after the first, and nothing if nothing did.
     */
    public void commit() {
        if (session == null && !loaded) {
            touchRequested();
        }
        if (session == null || !session.isValid()) {
            return;
        }
        rotateIfDue();
        if (!session.isValid()) {
            return;
        }
        SessionState state = session.state();
        Optional<PendingWrite> pending = state.pendingChanges(services.clock().millis());
        if (pending.isEmpty()) {
            return;
        }
        boolean saved;
        try {
            saved = services.store().save(pending.get().changes());
        } catch (SessionStoreException e) {
            services = services.unavailable().onCommitFailure(services, e, state.id());
            saved = services.store().save(pending.get().changes());
        }
        if (saved) {
            state.markSaved(pending.get());
        } else {
            LOG.log(Level.INFO, "Session {0} ended on another instance during this request; its changes were dropped",
                    SessionIds.abbreviate(state.id()));
            session.markInvalid();
        }
    }

    /**
     * Under {@link SessionAccess#EVERY_REQUEST}, records the access of a request that named a session
     * but never asked for it. Best effort: a store failure never fails a request that did not use its
     * session.
     */
    private void touchRequested() {
        if (touched || services.access() != SessionAccess.EVERY_REQUEST) {
            return;
        }
        touched = true;
        checkToken();
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

    /** Ends the request's session work: gives back the session lock, if one is held. Never throws. */
    public void end() {
        SessionLock.Lease held = lease;
        lease = SessionLock.Lease.NONE;
        held.release();
    }

    /** Called by {@link RedisHttpSession} after the application set or removed an attribute. */
    void attributeChanged(String name, Object previous, Object value) {
        if (services.safeguards().rotation().watchesAttribute(name) && !Objects.equals(previous, value)) {
            rotationDue = true;
        }
    }

    /** Automatic id rotation ({@link SessionIdRotation}): before the commit, while the cookie can still be set. */
    private void rotateIfDue() {
        if (services.safeguards().rotation().watchesPrincipal()) {
            recordPrincipal(session.state());
        }
        if (!rotationDue) {
            return;
        }
        rotationDue = false;
        if (!session.state().isPersisted() || idChanged) {
            return; // created or already renamed in this request: nobody else has seen its id
        }
        if (response.isCommitted()) {
            LOG.log(Level.WARNING, "session.rotate-on={0}: the session id was not changed because the response was"
                    + " already committed; set the attribute before writing the response", services.safeguards().rotation());
            return;
        }
        try {
            changeSessionId();
        } catch (IllegalStateException e) {
            LOG.log(Level.INFO, "session.rotate-on: {0}", e.getMessage());
        }
    }

    /**
     * A request without a principal changes nothing: with container authentication, unprotected paths
     * often see no principal, and rotating on each of them would end concurrent requests' sessions.
     */
    private void recordPrincipal(SessionState state) {
        Principal principal = request.getUserPrincipal();
        if (principal == null || principal.getName() == null) {
            return;
        }
        if (SessionIdRotation.isFingerprintOf(state.attribute(SessionIdRotation.PRINCIPAL_ATTRIBUTE), principal.getName())) {
            return;
        }
        String current = SessionIdRotation.fingerprint(principal.getName());
        rotationDue = true;
        try {
            state.setAttribute(SessionIdRotation.PRINCIPAL_ATTRIBUTE, current);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session.rotate-on=principal: could not record the principal: {0}", e.getMessage());
        }
    }

    private void checkToken() {
        if (tokenChecked) {
            return;
        }
        tokenChecked = true;
        for (String value : services.cookie().read(request)) {
            Optional<VerifiedToken> token = services.tokens().verify(value);
            if (token.isEmpty()) {
                services.safeguards().rejections().rejected(services.tokens().rejectedTokens());
            } else if (!candidates.contains(token.get().sessionId()) && candidates.size() < MAX_CANDIDATES) {
                candidates.add(token.get().sessionId());
            }
        }
        requestedId = candidates.isEmpty() ? null : candidates.get(0);
    }

    /**
     * Loads the first requested session that still exists. A browser sends several cookies of one name
     * when another path or a sibling domain planted one (cookie tossing): a planted token of a dead
     * session placed first must not log the visitor out, so candidates whose session is gone are
     * skipped, at one round trip each (at most {@link #MAX_CANDIDATES}).
     */
    private void loadRequested() {
        checkToken();
        if (loaded || requestedId == null) {
            return;
        }
        long now = services.clock().millis();
        // Under the fail policy a store failure propagates and leaves 'loaded' false: never fall back to
        // an empty session. Under degrade the request continues on a detached store that keeps nothing.
        Optional<SessionRecord> record = Optional.empty();
        for (String candidate : candidates) {
            try {
                lease.release();
                lease = services.locking().acquire(request, candidate);
                record = services.store().load(candidate, now);
            } catch (SessionLockTimeoutException e) {
                throw e;
            } catch (SessionStoreException e) {
                services = services.unavailable().onLoadFailure(services, e);
                record = services.store().load(candidate, now);
            }
            if (record.isPresent()) {
                requestedId = candidate;
                break;
            }
        }
        loaded = true;
        if (record.isPresent()) {
            attach(SessionState.loaded(record.get(), now, services.transcoder()));
            requestedValid = true;
        }
    }

    /** Makes {@code state} the request's session, under this filter's safeguards. */
    private void attach(SessionState state) {
        state.limitTotalBytes(services.safeguards().maxSessionBytes());
        session = new RedisHttpSession(this, state, services.listeners(), services.servletContext());
    }

    private void writeCookie(SessionState state) {
        String token = services.tokens().issue(state.id(), Instant.ofEpochMilli(state.expiresAtMillis()));
        services.cookie().write(request, response, token);
    }
}
