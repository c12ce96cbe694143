package io.github.sessionfilter.demo.site;

import io.github.sessionfilter.SessionRegistry;
import io.github.sessionfilter.SessionRegistry.SessionInfo;
import io.github.sessionfilter.demo.members.SignedInMember;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code /sessions}: the logged-in member's sessions on every instance (browsers, devices), with "log out"
 * for each other one and for all others at once. Uses the {@link SessionRegistry} that session-filter
 * publishes when {@code session.user} names the member (see web.xml); without it the page says so.
 * Ending another session is announced to the session listeners like a timeout, so "online now" follows
 * by itself.
 */
public final class SessionsServlet extends PageServlet {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SignedInMember member = member(request);
        if (member == null) {
            redirectWithMessage(request, response, "/login", "Please log in to see your sessions.");
            return;
        }
        SessionRegistry registry = registry();
        if (registry == null) {
            Layout.page(request, response, HttpServletResponse.SC_OK, "Your sessions",
                    "<p id=\"sessions-unavailable\">Your sessions cannot be listed on this server: the session filter "
                            + "is not told whose sessions are whose (its <code>session.user</code> setting is not set).</p>");
            return;
        }
        String currentId = request.getSession().getId();
        List<SessionInfo> sessions = registry.sessionsOf(member.username());
        StringBuilder rows = new StringBuilder();
        int others = 0;
        for (SessionInfo info : sessions) {
            boolean current = currentId.startsWith(info.ref());
            others += current ? 0 : 1;
            rows.append(current ? "<tr class=\"this-device\">" : "<tr>")
                    .append("<td>").append(Html.escape(SessionServlet.shorten(info.ref()))).append("</td>")
                    .append("<td>").append(Html.escape(TIME.format(info.created()))).append("</td>")
                    .append("<td>").append(Html.escape(TIME.format(info.lastAccessed()))).append("</td>")
                    .append("<td>").append(current ? "<strong>this device</strong>"
                            : button(request, "revoke", info.ref(), "Log out")).append("</td></tr>");
        }
        String ctx = ctx(request);
        String body = "<p>Every browser or device where you are logged in, on any instance, newest first.</p>"
                + "<table id=\"sessions\"><thead><tr><th>Session</th><th>Created</th><th>Last active</th><th></th></tr>"
                + "</thead><tbody>" + rows + "</tbody></table>"
                + (others == 0 ? "<p>You are not logged in anywhere else.</p>"
                        : "<p>" + button(request, "revoke-others", "", "Log out everywhere else") + "</p>")
                + "<p class=\"muted\">To end this session, <a href=\"" + ctx + "/logout\">log out</a>. "
                + "Only the start of each session id is shown.</p>";
        Layout.page(request, response, HttpServletResponse.SC_OK, "Your sessions", body);
    }

    @Override
    protected void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SignedInMember member = member(request);
        if (member == null) {
            redirectWithMessage(request, response, "/login", "Please log in to see your sessions.");
            return;
        }
        SessionRegistry registry = registry();
        if (registry == null) {
            redirect(request, response, "/sessions");
            return;
        }
        String user = member.username();
        String currentId = request.getSession().getId();
        String action = parameter(request, "action");
        if (action.equals("revoke")) {
            String ref = parameter(request, "ref");
            if (!currentId.startsWith(ref) && registry.revoke(user, ref)) {
                redirectWithMessage(request, response, "/sessions", "That session has been logged out.");
            } else {
                redirectWithMessage(request, response, "/sessions", "That session had already ended.");
            }
        } else if (action.equals("revoke-others")) {
            int ended = registry.revokeAllBut(user, currentId);
            redirectWithMessage(request, response, "/sessions", ended == 1 ? "Logged out 1 other session."
                    : "Logged out " + ended + " other sessions.");
        } else {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    private SessionRegistry registry() {
        return (SessionRegistry) getServletContext().getAttribute(SessionRegistry.CONTEXT_ATTRIBUTE);
    }

    /** A one-button form posting to this page. */
    private static String button(HttpServletRequest request, String action, String ref, String label) {
        return "<form class=\"inline\" method=\"post\" action=\"" + Html.escape(request.getContextPath()) + "/sessions\">"
                + CsrfToken.hiddenField(request)
                + "<input type=\"hidden\" name=\"action\" value=\"" + Html.escape(action) + "\">"
                + (ref.isEmpty() ? "" : "<input type=\"hidden\" name=\"ref\" value=\"" + Html.escape(ref) + "\">")
                + "<button>" + Html.escape(label) + "</button></form>";
    }
}
