package io.github.sessionfilter.demo.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The synchronizer-token defence against cross-site request forgery: one random token per session,
 * rendered into every form as a hidden field and checked on every POST. Rotated at login.
 */
final class CsrfToken {
    static final String FIELD = "_csrf";

    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfToken() {
    }

    /** The hidden form field; creates the session and its token if needed. */
    static String hiddenField(HttpServletRequest request) {
        return "<input type=\"hidden\" name=\"" + FIELD + "\" value=\"" + Html.escape(of(request.getSession())) + "\">";
    }

    static String of(HttpSession session) {
        String token = (String) session.getAttribute(SessionKeys.CSRF_TOKEN);
        if (token == null) {
            token = rotate(session);
        }
        return token;
    }

    static String rotate(HttpSession session) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(SessionKeys.CSRF_TOKEN, token);
        return token;
    }

    /** Whether the request carries its session's token. No session means no token, so never valid. */
    static boolean isValid(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String given = request.getParameter(FIELD);
        if (session == null || given == null) {
            return false;
        }
        String expected = (String) session.getAttribute(SessionKeys.CSRF_TOKEN);
        return expected != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
