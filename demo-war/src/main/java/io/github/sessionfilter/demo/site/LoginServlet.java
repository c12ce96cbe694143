package io.github.sessionfilter.demo.site;

import io.github.sessionfilter.demo.members.Member;
import io.github.sessionfilter.demo.members.MemberRules;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /login}. On success the session id changes ({@code changeSessionId()}, against session
 * fixation), the member is stored in the session and the CSRF token is replaced. The cart survives.
 */
public final class LoginServlet extends PageServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (member(request) != null) {
            redirect(request, response, "/profile");
            return;
        }
        render(request, response, HttpServletResponse.SC_OK, "", Map.of());
    }

    @Override
    protected void post(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String username = MemberRules.normalizeUsername(parameter(request, "username"));
        String password = RegisterServlet.rawParameter(request, "password");
        if (username.isEmpty() || password.isEmpty()) {
            render(request, response, UNPROCESSABLE, username, Map.of("login", "Enter your user name and password."));
            return;
        }
        Optional<Member> found;
        try {
            found = members().findByUsername(username);
        } catch (SQLException e) {
            throw new ServletException("looking up member " + username + " failed", e);
        }
        // Unknown user and wrong password take the same time and get the same answer.
        if (!passwords().matches(password, found.map(Member::passwordHash).orElse(null))) {
            render(request, response, UNPROCESSABLE, username, Map.of("login", "Unknown user name or wrong password."));
            return;
        }
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.setAttribute(SessionKeys.MEMBER, found.get().signedIn());
        CsrfToken.rotate(session);
        redirectWithMessage(request, response, "/profile", "Welcome back, " + found.get().displayName() + ".");
    }

    private void render(HttpServletRequest request, HttpServletResponse response, int status, String username,
            Map<String, String> errors) throws IOException {
        String ctx = ctx(request);
        String body = "<p>Not a member yet? <a href=\"" + ctx + "/register\">Join the club</a>.</p>"
                + Forms.summary(errors)
                + "<form method=\"post\" action=\"" + ctx + "/login\" novalidate>"
                + CsrfToken.hiddenField(request)
                + Forms.field("username", "User name", "text", username, Map.of(), "username")
                + Forms.field("password", "Password", "password", "", Map.of(), "current-password")
                + "<p><button>Log in</button></p></form>";
        Layout.page(request, response, status, "Log in", body);
    }
}
