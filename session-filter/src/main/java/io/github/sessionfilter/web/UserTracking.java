package io.github.sessionfilter.web;

import io.github.sessionfilter.core.SessionState;
import io.github.sessionfilter.core.SessionStore;
import io.github.sessionfilter.core.UserSessionIndex;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who each session belongs to, and each user's sessions (setting {@code session.user}). The user id
 * comes from the request's principal, or from a session attribute (and optionally a property of it,
 * for apps that keep a {@code user} object); it is recorded in the session as a hidden attribute, and
 * the session is entered in its user's index in the store when the user changes (one more command, at
 * login), taken out when it is invalidated or renamed. Listing and revoking go through the index.
 */
public final class UserTracking {
    /** The hidden attribute holding the session's user id. */
    static final String USER_ATTRIBUTE = "io.github.sessionfilter.user";
    private static final Logger LOG = System.getLogger(UserTracking.class.getName());
    private static final int REF_LENGTH = 12;

    /** Tracks nobody ({@code session.user} not set): every step does nothing. */
    public static final UserTracking OFF = new UserTracking();

    private final UserSessionIndex index;
    private final SessionStore store;
    private final String attribute;
    private final String property;
    private final int maxPerUser;
    private final long indexTtlMillis;
    private final java.util.function.Consumer<String> ended;
    private final java.time.Clock clock;

    /**
     * @param source     {@code principal}, {@code attribute:<name>} or {@code attribute:<name>.<property>}
     * @param maxPerUser most live sessions per user (the oldest are ended beyond it); 0 for no limit
     * @param ended      told the id of each session ended here, after the store ended it (to announce it)
     */
    public UserTracking(UserSessionIndex index, SessionStore store, String source, int maxPerUser, Duration absoluteTimeout,
                        java.util.function.Consumer<String> ended, java.time.Clock clock) {
        this.index = index;
        this.store = store;
        UserSource parsed = UserSource.parse(source);
        this.attribute = parsed.attribute();
        this.property = parsed.property();
        this.maxPerUser = maxPerUser;
        this.indexTtlMillis = absoluteTimeout.toMillis();
        this.ended = ended;
        this.clock = clock;
    }

    private UserTracking() {
        this.index = null;
        this.store = null;
        this.attribute = null;
        this.property = null;
        this.maxPerUser = 0;
        this.indexTtlMillis = 0;
        this.ended = id -> { };
        this.clock = null;
    }

    /** Whether the filter knows who sessions belong to. */
    public boolean isOn() {
        return index != null;
    }

    /** Where the user id comes from: the principal (null attribute), or an attribute and an optional property. */
    public record UserSource(String attribute, String property) {
        /**
         * Parses {@code principal}, {@code attribute:<name>} or {@code attribute:<name>.<property>}.
         *
         * @throws IllegalArgumentException naming the accepted forms
         */
        public static UserSource parse(String text) {
            String t = text.trim();
            if (t.equalsIgnoreCase("principal")) {
                return new UserSource(null, null);
            }
            if (t.regionMatches(true, 0, "attribute:", 0, 10) && t.length() > 10) {
                String rest = t.substring(10).trim();
                int dot = rest.lastIndexOf('.');
                // An attribute name may itself contain dots; a property is a trailing Java identifier after
                // the last dot only when the name before it is not empty.
                if (dot > 0 && dot < rest.length() - 1 && Character.isJavaIdentifierStart(rest.charAt(dot + 1))) {
                    return new UserSource(rest.substring(0, dot), rest.substring(dot + 1));
                }
                return new UserSource(rest, null);
            }
            throw new IllegalArgumentException("must be principal, attribute:<name> or attribute:<name>.<property>");
        }
    }

    /** Whether an attribute change in this request may have changed the user. */
    boolean watches(String name) {
        return index != null && name.equals(attribute);
    }

    /**
     * Before a commit: records the request's user in the session when it changed, and returns the
     * change to apply to the index once the commit succeeded; null when nothing changed. Cheap when
     * nothing happened: the principal is compared with the recorded id, an attribute only when
     * {@code attributeTouched}.
     */
    UserChange beforeCommit(HttpServletRequest request, SessionState state, boolean attributeTouched) {
        if (index == null || state.isDetached()) {
            return null;
        }
        if (attribute != null && !attributeTouched && !state.isNew()) {
            return null;
        }
        String current = currentUser(request, state);
        if (attribute == null && current == null) {
            return null; // a public page of a logged-in user: no principal says nothing
        }
        Object recorded = state.attribute(USER_ATTRIBUTE);
        String previous = recorded instanceof String s ? s : null;
        if (Objects.equals(previous, current)) {
            return null;
        }
        if (current == null) {
            state.removeAttribute(USER_ATTRIBUTE);
        } else {
            state.setAttribute(USER_ATTRIBUTE, current);
        }
        return new UserChange(previous, current);
    }

    /** A user change recorded in a session, to be applied to the index after the commit. */
    record UserChange(String previous, String current) {
    }

    /** After a successful commit. Failures are logged: the session itself is saved. */
    void afterCommit(UserChange change, SessionState state) {
        try {
            if (change.previous() != null) {
                index.remove(change.previous(), state.id());
            }
            if (change.current() != null) {
                index.add(change.current(), state.id(), state.createdMillis(), indexTtlMillis);
                enforceLimit(change.current(), state.id());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The user index was not updated: {0}", e.getMessage());
        }
    }

    /** After the session moved from {@code oldId} to its current id. */
    void afterMove(SessionState state, String oldId) {
        if (index != null && state.isPersisted() && state.attribute(USER_ATTRIBUTE) instanceof String user) {
            index.remove(user, oldId);
            index.add(user, state.id(), state.createdMillis(), indexTtlMillis);
        }
    }

    /** The user recorded in a session about to be invalidated, to take it out of the index afterwards. */
    String userOf(SessionState state) {
        return index != null && state.attribute(USER_ATTRIBUTE) instanceof String user ? user : null;
    }

    /** After the session was invalidated. */
    void afterDelete(String user, String sessionId) {
        if (index != null && user != null) {
            index.remove(user, sessionId);
        }
    }

    /** The user's live sessions, newest first; stale entries are dropped. */
    public List<Session> sessionsOf(String userId) {
        List<Session> sessions = new ArrayList<>();
        for (String id : index.sessionIds(userId)) {
            Optional<UserSessionIndex.Times> times = index.times(id);
            if (times.isEmpty()) {
                index.remove(userId, id);
            } else {
                sessions.add(new Session(id, times.get().createdMillis(), times.get().lastAccessedMillis()));
            }
        }
        sessions.sort(Comparator.comparingLong(Session::createdMillis).reversed());
        return sessions;
    }

    /** One session of a user. */
    public record Session(String id, long createdMillis, long lastAccessedMillis) {
        /** What names it outside: a prefix of the id, not enough to use it. */
        public String ref() {
            return id.substring(0, Math.min(REF_LENGTH, id.length()));
        }
    }

    /** Ends the user's session named by {@code ref}; false when it had already ended. */
    public boolean revoke(String userId, String ref) {
        for (String id : index.sessionIds(userId)) {
            if (id.startsWith(ref) && ref.length() >= REF_LENGTH) {
                return end(userId, id);
            }
        }
        return false;
    }

    /** Ends every live session of the user but {@code keepId} (null: all); returns how many. */
    public int revokeAllBut(String userId, String keepId) {
        int ended = 0;
        for (String id : index.sessionIds(userId)) {
            if (!id.equals(keepId) && end(userId, id)) {
                ended++;
            }
        }
        return ended;
    }

    private void enforceLimit(String userId, String currentId) {
        if (maxPerUser <= 0) {
            return;
        }
        List<Session> live = sessionsOf(userId); // newest first
        for (int i = maxPerUser; i < live.size(); i++) {
            if (!live.get(i).id().equals(currentId)) {
                end(userId, live.get(i).id());
                LOG.log(Level.INFO, "Ended the oldest session of a user over session.max-per-user={0}", maxPerUser);
            }
        }
    }

    /** Ends a session; whether it was still there. */
    private boolean end(String userId, String sessionId) {
        boolean existed = store.endNow(sessionId, clock.millis());
        index.remove(userId, sessionId);
        if (existed) {
            ended.accept(sessionId);
        }
        return existed;
    }

    /** The user the request or the session names now; null for none. */
    private String currentUser(HttpServletRequest request, SessionState state) {
        if (attribute == null) {
            Principal principal = request.getUserPrincipal();
            return principal == null ? null : principal.getName();
        }
        Object value = state.attribute(attribute);
        if (value == null || property == null) {
            return value == null ? null : String.valueOf(value);
        }
        Object id = readProperty(value, property);
        return id == null ? null : String.valueOf(id);
    }

    private static Object readProperty(Object value, String property) {
        String capitalized = property.substring(0, 1).toUpperCase(Locale.ROOT) + property.substring(1);
        for (String name : List.of("get" + capitalized, "is" + capitalized, property)) {
            try {
                Method getter = value.getClass().getMethod(name);
                return getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // try the next form
            }
        }
        try {
            return value.getClass().getField(property).get(value);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "session.user: {0} has no readable property ''{1}''", value.getClass().getName(), property);
            return null;
        }
    }
}
