package io.github.sessionfilter.testing;

import io.github.sessionfilter.SessionRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.stream.Collectors;

/** {@link ScenarioServlet} plus pages that use the {@link SessionRegistry} the filter publishes. */
public class RegistryServlet extends ScenarioServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        SessionRegistry registry = (SessionRegistry) getServletContext().getAttribute(SessionRegistry.CONTEXT_ATTRIBUTE);
        String user = req.getParameter("user");
        String action = req.getPathInfo() == null ? "/" : req.getPathInfo();
        resp.setContentType("text/plain;charset=UTF-8");
        switch (action) {
            case "/sessions" -> resp.getWriter().print(registry.sessionsOf(user).stream()
                    .map(SessionRegistry.SessionInfo::ref).collect(Collectors.joining(",")));
            case "/revoke" -> resp.getWriter().print(registry.revoke(user, req.getParameter("ref")));
            case "/revoke-all" -> resp.getWriter().print(registry.revokeAll(user));
            case "/revoke-others" -> {
                HttpSession session = req.getSession(false);
                resp.getWriter().print(registry.revokeAllBut(user, session == null ? null : session.getId()));
            }
            default -> super.doGet(req, resp);
        }
    }
}
