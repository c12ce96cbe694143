package io.github.sessionfilter.web;

import io.github.sessionfilter.core.SessionState;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.util.Objects;

/**
 * One request's automatic id rotation ({@link SessionIdRotation}): notices a login (the watched
 * attribute changed, or the principal is another user than the one recorded) and says whether the id
 * must change before the commit.
 */
final class LoginRotation {
    private static final Logger LOG = System.getLogger(LoginRotation.class.getName());

    private final SessionIdRotation rule;
    private final HttpServletRequest request;
    private boolean due;
    private boolean idChanged;

    LoginRotation(SessionIdRotation rule, HttpServletRequest request) {
        this.rule = rule;
        this.request = request;
    }

    /** The application set or removed an attribute. */
    void attributeChanged(String name, Object previous, Object value) {
        if (rule.watchesAttribute(name) && !Objects.equals(previous, value)) {
            due = true;
        }
    }

    /** The id changed in this request (by the application or by a rotation): no need to rotate again. */
    void idChanged() {
        idChanged = true;
    }

    /**
     * Whether to change the id now, before the commit. Records a new principal in the session (one
     * write). A session created or renamed in this request is never rotated: nobody else has seen its id.
     */
    boolean dueBeforeCommit(SessionState state) {
        if (rule.watchesPrincipal()) {
            recordPrincipal(state);
        }
        if (!due) {
            return false;
        }
        due = false;
        return state.isPersisted() && !idChanged;
    }

    /** The rule, for log lines. */
    SessionIdRotation rule() {
        return rule;
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
        due = true;
        try {
            state.setAttribute(SessionIdRotation.PRINCIPAL_ATTRIBUTE, SessionIdRotation.fingerprint(principal.getName()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session.rotate-on=principal: could not record the principal: {0}", e.getMessage());
        }
    }
}
