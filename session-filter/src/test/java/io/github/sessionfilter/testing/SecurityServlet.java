package io.github.sessionfilter.testing;

import io.github.sessionfilter.SessionFilterStatistics;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@link ScenarioServlet} plus the scenarios of the security tests. Knows nothing about Redis either. */
public class SecurityServlet extends ScenarioServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        String name = req.getParameter("name");
        String action = req.getPathInfo() == null ? "/" : req.getPathInfo();
        switch (action) {
            case "/encode" -> {
                req.getSession().setAttribute("x", "1");
                resp.getWriter().print(resp.encodeURL("/app/page?x=1") + "|" + resp.encodeRedirectURL("/app/next")
                        + "|" + resp.encodeURL("page;jsessionid=abc"));
            }
            case "/set-big" -> {
                int size = Integer.parseInt(req.getParameter("size"));
                try {
                    req.getSession().setAttribute(name, "x".repeat(size));
                    resp.getWriter().print("set");
                } catch (IllegalArgumentException e) {
                    resp.getWriter().print("refused: " + e.getMessage());
                }
            }
            case "/grow" -> {
                HttpSession session = req.getSession();
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) session.getAttribute(name);
                if (list == null) {
                    session.setAttribute(name, new ArrayList<>(List.of("start")));
                } else {
                    list.add("y".repeat(Integer.parseInt(req.getParameter("size"))));
                }
                resp.getWriter().print("grown");
            }
            case "/size" -> {
                HttpSession session = req.getSession(false);
                Object value = session == null ? null : session.getAttribute(name);
                resp.getWriter().print(value instanceof List<?> l ? "list:" + l.size()
                        : value instanceof String s ? "string:" + s.length() : String.valueOf(value));
            }
            case "/stats" -> {
                SessionFilterStatistics stats = (SessionFilterStatistics)
                        getServletContext().getAttribute(SessionFilterStatistics.CONTEXT_ATTRIBUTE);
                resp.getWriter().print(stats == null ? "none" : String.valueOf(stats.rejectedTokens()));
            }
            case "/whoami" -> {
                HttpSession session = req.getSession(false);
                resp.getWriter().print((req.getUserPrincipal() == null ? "anonymous" : req.getUserPrincipal().getName())
                        + ";session=" + (session == null ? "none" : session.getId()));
            }
            default -> super.doGet(req, resp);
        }
    }
}
