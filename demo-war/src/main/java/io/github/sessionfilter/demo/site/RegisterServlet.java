package io.github.sessionfilter.demo.site;

import io.github.sessionfilter.demo.members.MemberRules;
import io.github.sessionfilter.demo.members.UsernameTakenException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /register}: create a member account, then go to the login page. */
public final class RegisterServlet extends PageServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (member(request) != null) {
            redirect(request, response, "/profile");
            return;
        }
        render(request, response, HttpServletResponse.SC_OK, "", "", Map.of());
    }

    @Override
    protected void post(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String username = MemberRules.normalizeUsername(parameter(request, "username"));
        String displayName = parameter(request, "displayName");
        String password = rawParameter(request, "password");
        Map<String, String> errors = new LinkedHashMap<>();
        addIfPresent(errors, "username", MemberRules.checkUsername(username));
        addIfPresent(errors, "displayName", MemberRules.checkDisplayName(displayName));
        addIfPresent(errors, "password", MemberRules.checkPassword(password, username));
        if (!errors.containsKey("password") && !password.equals(rawParameter(request, "confirm"))) {
            errors.put("confirm", "The two passwords differ.");
        }
        if (errors.isEmpty()) {
            try {
                members().register(username, displayName, passwords().hash(password));
                log("registered member " + username);
                redirectWithMessage(request, response, "/login",
                        "Welcome to the club, " + displayName + "! Your account is ready: please log in.");
                return;
            } catch (UsernameTakenException e) {
                errors.put("username", "That user name is taken; please choose another.");
            } catch (SQLException e) {
                throw new ServletException("registering member " + username + " failed", e);
            }
        }
        render(request, response, UNPROCESSABLE, username, displayName, errors);
    }

    private void render(HttpServletRequest request, HttpServletResponse response, int status, String username,
            String displayName, Map<String, String> errors) throws IOException {
        String ctx = ctx(request);
        String body = "<p>Already a member? <a href=\"" + ctx + "/login\">Log in</a>.</p>"
                + Forms.summary(errors)
                + "<form method=\"post\" action=\"" + ctx + "/register\" novalidate>"
                + CsrfToken.hiddenField(request)
                + Forms.field("username", "User name", "text", username, errors, "username")
                + Forms.field("displayName", "Display name", "text", displayName, errors, "nickname")
                + Forms.field("password", "Password (at least " + MemberRules.MIN_PASSWORD_LENGTH + " characters)",
                        "password", "", errors, "new-password")
                + Forms.field("confirm", "Password again", "password", "", errors, "new-password")
                + "<p><button>Create account</button></p></form>";
        Layout.page(request, response, status, "Join the club", body);
    }

    static String rawParameter(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value;
    }

    static void addIfPresent(Map<String, String> errors, String field, String message) {
        if (message != null) {
            errors.put(field, message);
        }
    }
}
