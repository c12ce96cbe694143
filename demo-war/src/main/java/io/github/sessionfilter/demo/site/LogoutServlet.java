package io.github.sessionfilter.demo.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** {@code /logout}: POST invalidates the session (member, cart, everything). GET only offers the button. */
public final class LogoutServlet extends PageServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (member(request) == null) {
            redirect(request, response, "/");
            return;
        }
        String body = "<form method=\"post\" action=\"" + ctx(request) + "/logout\">" + CsrfToken.hiddenField(request)
                + "<p>Log out? Your cart will be emptied.</p><p><button>Log out</button></p></form>";
        Layout.page(request, response, HttpServletResponse.SC_OK, "Log out", body);
    }

    @Override
    protected void post(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        // A fresh, empty session carries the goodbye message.
        redirectWithMessage(request, response, "/", "You have been logged out.");
    }
}
