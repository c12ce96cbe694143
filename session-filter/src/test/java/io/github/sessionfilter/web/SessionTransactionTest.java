package io.github.sessionfilter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.attribute.AttributeCodec;
import io.github.sessionfilter.attribute.AttributePolicy;
import io.github.sessionfilter.attribute.AttributeSealer;
import io.github.sessionfilter.attribute.JavaAttributeTranscoder;
import io.github.sessionfilter.core.InMemorySessionStore;
import io.github.sessionfilter.core.InMemorySessionStore.Operation;
import io.github.sessionfilter.core.SessionIds;
import io.github.sessionfilter.core.SessionStoreException;
import io.github.sessionfilter.testing.TestKeys;
import io.github.sessionfilter.token.SigningKeys;
import io.github.sessionfilter.token.TokenAlgorithm;
import io.github.sessionfilter.token.TokenCodec;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The request logic ({@link SessionTransaction}) over the in-memory store: what is written when, by
 * whom, and what the browser gets back. Each "visit" is one request with its own transaction, as the
 * filter makes them; the store counts every call.
 */
class SessionTransactionTest {
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final Clock clock = Clock.systemUTC();
    private final TokenCodec tokens = new TokenCodec(SigningKeys.parse(TestKeys.keyPair("k1"), TokenAlgorithm.HS256),
            TokenAlgorithm.HS256, "session-filter", "/", Duration.ofHours(8), clock);

    private SessionServices services(UnavailableStorePolicy policy, SessionIdRotation rotation) {
        SessionCookie cookie = new SessionCookie("SESSION", false, SameSite.LAX, CookieSecurity.AUTO, null, null, "/",
                Map.of(), tokens, clock);
        JavaAttributeTranscoder transcoder = new JavaAttributeTranscoder(
                new AttributeCodec(getClass().getClassLoader(), AttributePolicy.defaults()), AttributeSealer.none());
        return new SessionServices(store, cookie, transcoder, new SessionListeners(), null, clock, new SessionIds(),
                Duration.ofMinutes(30), Duration.ofHours(8), SessionLocking.OFF, policy, rotation, 4L << 20,
                SessionAccess.GET_SESSION, UserTracking.OFF);
    }

    private final SessionServices fail = services(UnavailableStorePolicy.FAIL, SessionIdRotation.none());

    /** One request: the token it carries (or none), the transaction, and the response it gets. */
    private final class Visit {
        final BufferingResponse response = new BufferingResponse(true);
        final SessionTransaction transaction;

        Visit(SessionServices services, String token, String principal) {
            transaction = new SessionTransaction(services, request(token, principal), response);
        }

        /** The token of the cookie this response sets; null when it sets none; "" when it expires it. */
        String token() {
            List<String> cookies = new ArrayList<>(response.getHeaders("Set-Cookie"));
            if (cookies.isEmpty()) {
                return null;
            }
            String last = cookies.get(cookies.size() - 1);
            return last.substring(last.indexOf('=') + 1, last.indexOf(';'));
        }
    }

    private Visit visit(String token) {
        return new Visit(fail, token, null);
    }

    /** A session with {@code cart=[tea]}, committed; returns its token. */
    private String sessionWithCart() {
        Visit create = visit(null);
        create.transaction.getSession(true).setAttribute("cart", new ArrayList<>(List.of("tea")));
        create.transaction.commit();
        return create.token();
    }

    @Test
    void commitTwice_writesOnce() {
        Visit visit = visit(null);
        visit.transaction.getSession(true).setAttribute("x", "1");
        visit.transaction.commit();
        visit.transaction.commit();
        assertEquals(1, store.calls(Operation.SAVE));
    }

    @Test
    void secondCommit_writesOnlyWhatChangedAfterTheFirst() {
        Visit visit = visit(null);
        HttpSession session = visit.transaction.getSession(true);
        session.setAttribute("a", "1");
        visit.transaction.commit();
        session.setAttribute("b", "2");
        visit.transaction.commit();
        assertEquals(2, store.calls(Operation.SAVE));
        assertEquals(2, store.storedAttributes(session.getId()).size());
    }

    @Test
    void readOnlyVisit_loadsOnce_andWritesNothing() {
        String token = sessionWithCart();
        int savesBefore = store.calls(Operation.SAVE);
        Visit read = visit(token);
        assertEquals(List.of("tea"), read.transaction.getSession(false).getAttribute("cart"));
        read.transaction.getSession(false).getAttribute("cart");
        read.transaction.commit();
        assertEquals(1, store.calls(Operation.LOAD));
        assertEquals(savesBefore, store.calls(Operation.SAVE));
        assertNull(read.token(), "no new cookie for a read");
    }

    @Test
    void visitThatNeverAsks_costsNothing() {
        String token = sessionWithCart();
        Visit visit = visit(token);
        visit.transaction.commit();
        assertEquals(0, store.calls(Operation.LOAD));
        assertEquals(0, store.calls(Operation.TOUCH));
    }

    @Test
    void inPlaceMutation_isWritten_withoutSetAttribute() {
        String token = sessionWithCart();
        Visit change = visit(token);
        @SuppressWarnings("unchecked")
        List<String> cart = (List<String>) change.transaction.getSession(false).getAttribute("cart");
        cart.add("mug");
        change.transaction.commit();
        assertEquals(List.of("tea", "mug"), visit(token).transaction.getSession(false).getAttribute("cart"));
    }

    @Test
    void rotationOnAttribute_movesTheSession_andKillsTheOldToken() {
        SessionServices rotating = services(UnavailableStorePolicy.FAIL, SessionIdRotation.onAttributeChange("user"));
        String anonymous = sessionWithCart();
        Visit login = new Visit(rotating, anonymous, null);
        HttpSession session = login.transaction.getSession(false);
        String before = session.getId();
        session.setAttribute("user", "alice");
        login.transaction.commit();

        assertEquals(1, store.calls(Operation.CHANGE_ID));
        assertNotNull(login.token(), "the new token goes back");
        assertNotEquals(before, session.getId());
        assertTrue(store.storedMetadata(before).isEmpty(), "the old id is gone");
        assertNull(visit(anonymous).transaction.getSession(false), "the pre-login token opens nothing");
        assertEquals("alice", visit(login.token()).transaction.getSession(false).getAttribute("user"));
    }

    @Test
    void rotationOnPrincipal_happensOncePerLogin() {
        SessionServices rotating = services(UnavailableStorePolicy.FAIL, SessionIdRotation.onPrincipalChange());
        String anonymous = sessionWithCart();
        Visit login = new Visit(rotating, anonymous, "alice");
        login.transaction.getSession(false);
        login.transaction.commit();
        String alice = login.token();
        assertNotNull(alice);
        Visit again = new Visit(rotating, alice, "alice");
        again.transaction.getSession(false);
        again.transaction.commit();
        assertNull(again.token(), "same user: no rotation");
        assertEquals(1, store.calls(Operation.CHANGE_ID));
    }

    @Test
    void invalidate_deletesTheSession_andExpiresTheCookie() {
        String token = sessionWithCart();
        Visit logout = visit(token);
        HttpSession session = logout.transaction.getSession(false);
        session.invalidate();
        logout.transaction.commit();
        assertEquals(1, store.calls(Operation.DELETE));
        assertEquals("", logout.token(), "the cookie is expired");
        assertThrows(IllegalStateException.class, () -> session.getAttribute("cart"));
        assertNull(visit(token).transaction.getSession(false));
    }

    @Test
    void sessionEndedElsewhere_isNotBroughtBackByACommit() {
        String token = sessionWithCart();
        Visit slow = visit(token);
        HttpSession session = slow.transaction.getSession(false);
        Visit logout = visit(token);
        logout.transaction.getSession(false).invalidate();
        session.setAttribute("late", "x");
        slow.transaction.commit();
        assertNull(visit(token).transaction.getSession(false));
        assertThrows(IllegalStateException.class, () -> session.getAttribute("cart"), "the session is now invalid");
    }

    @Test
    void failPolicy_storeDown_surfacesTheFailure() {
        String token = sessionWithCart();
        store.failUntilRecovered();
        Visit visit = visit(token);
        assertThrows(SessionStoreException.class, () -> visit.transaction.getSession(false));
        store.recover();
        assertEquals(List.of("tea"), visit.transaction.getSession(false).getAttribute("cart"), "retried: not marked loaded");
    }

    @Test
    void degradePolicy_storeDown_servesAnEmptySessionThatIsNeverWritten() {
        SessionServices degrade = services(UnavailableStorePolicy.DEGRADE, SessionIdRotation.none());
        String token = sessionWithCart();
        store.failUntilRecovered();
        Visit visit = new Visit(degrade, token, null);
        HttpSession detached = visit.transaction.getSession(false);
        assertNotNull(detached);
        assertNull(detached.getAttribute("cart"));
        detached.setAttribute("cart", "overwritten?");
        visit.transaction.commit();
        assertThrows(SessionStoreException.class, detached::invalidate, "logout must not seem to work");
        assertNull(visit.token(), "no cookie set or cleared");
        int saves = store.calls(Operation.SAVE);
        store.recover();
        assertEquals(saves, store.calls(Operation.SAVE));
        assertEquals(List.of("tea"), visit(token).transaction.getSession(false).getAttribute("cart"), "the real session is intact");
    }

    @Test
    void degradePolicy_commitFailure_dropsTheChanges_andLaterCommitsWriteNothing() {
        SessionServices degrade = services(UnavailableStorePolicy.DEGRADE, SessionIdRotation.none());
        String token = sessionWithCart();
        Visit visit = new Visit(degrade, token, null);
        HttpSession session = visit.transaction.getSession(false);
        session.setAttribute("a", "1");
        store.failNext(1);
        visit.transaction.commit();
        session.setAttribute("b", "2");
        int saves = store.calls(Operation.SAVE);
        visit.transaction.commit();
        assertEquals(saves, store.calls(Operation.SAVE), "a detached session writes nothing");
        assertFalse(store.storedAttributes(session.getId()).containsKey("a"));
    }

    @Test
    void commitTriggeredByTheResponse_writesBeforeTheResponseIsCommitted() throws Exception {
        BufferingResponse raw = new BufferingResponse(true);
        SessionTransaction transaction = new SessionTransaction(fail, request(null, null), raw);
        SessionResponse response = new SessionResponse(raw, transaction::commit);
        HttpSession session = transaction.getSession(true);
        session.setAttribute("x", "1");
        assertEquals(0, store.calls(Operation.SAVE));
        response.flushBuffer();
        assertTrue(raw.isCommitted());
        assertEquals(1, store.calls(Operation.SAVE));
        assertTrue(store.storedAttributes(session.getId()).containsKey("x"));
    }

    /** A request that answers what the session work asks: its cookie, its security, its principal. */
    private static HttpServletRequest request(String token, String principal) {
        Cookie[] cookies = token == null ? null : new Cookie[] {new Cookie("SESSION", token)};
        Principal user = principal == null ? null : () -> principal;
        return (HttpServletRequest) Proxy.newProxyInstance(SessionTransactionTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getCookies" -> cookies;
                    case "isSecure" -> false;
                    case "getHeader" -> null;
                    case "getUserPrincipal" -> user;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
