package io.github.sessionfilter.testing;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A legacy-style servlet exercising the session the way applications do. The path selects the
 * scenario; it knows nothing about Redis.
 */
public class ScenarioServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        String name = req.getParameter("name");
        String value = req.getParameter("value");
        String action = req.getPathInfo() == null ? "/" : req.getPathInfo();
        PrintWriter out;
        switch (action) {
            case "/none" -> resp.getWriter().print("ok");
            case "/get" -> {
                HttpSession session = req.getSession(false);
                resp.getWriter().print(session == null ? "no-session" : String.valueOf(session.getAttribute(name)));
            }
            case "/set" -> {
                req.getSession().setAttribute(name, value);
                resp.getWriter().print("set");
            }
            case "/remove" -> {
                req.getSession().removeAttribute(name);
                resp.getWriter().print("removed");
            }
            case "/add" -> {
                HttpSession session = req.getSession();
                @SuppressWarnings("unchecked")
                List<String> cart = (List<String>) session.getAttribute("cart");
                if (cart == null) {
                    cart = new ArrayList<>();
                    session.setAttribute("cart", cart);
                }
                cart.add(req.getParameter("item"));
                resp.getWriter().print(cart);
            }
            case "/incr" -> {
                HttpSession session = req.getSession();
                int[] counter = (int[]) session.getAttribute(name);
                if (counter == null) {
                    session.setAttribute(name, new int[] {1});
                } else {
                    counter[0]++;
                }
                resp.getWriter().print("incremented");
            }
            case "/names" -> {
                HttpSession session = req.getSession(false);
                List<String> names = session == null ? List.of() : Collections.list(session.getAttributeNames());
                resp.getWriter().print(names.stream().sorted().toList());
            }
            case "/invalidate" -> {
                HttpSession session = req.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                resp.getWriter().print("invalidated");
            }
            case "/use-after-invalidate" -> {
                HttpSession session = req.getSession();
                session.invalidate();
                try {
                    session.getAttribute("x");
                    resp.getWriter().print("no exception");
                } catch (IllegalStateException e) {
                    resp.getWriter().print("IllegalStateException");
                }
            }
            case "/login" -> {
                req.getSession();
                String newId = req.changeSessionId();
                req.getSession().setAttribute("user", value == null ? "alice" : value);
                resp.getWriter().print("changed " + newId.length());
            }
            case "/info" -> {
                HttpSession s = req.getSession();
                resp.getWriter().print("id=" + s.getId() + ";new=" + s.isNew() + ";created=" + s.getCreationTime()
                        + ";last=" + s.getLastAccessedTime() + ";max=" + s.getMaxInactiveInterval());
            }
            case "/max" -> {
                req.getSession().setMaxInactiveInterval(Integer.parseInt(req.getParameter("seconds")));
                resp.getWriter().print("max set");
            }
            case "/requested" -> resp.getWriter().print("id=" + (req.getRequestedSessionId() != null)
                    + ";valid=" + req.isRequestedSessionIdValid()
                    + ";cookie=" + req.isRequestedSessionIdFromCookie()
                    + ";url=" + req.isRequestedSessionIdFromURL());
            case "/redirect" -> {
                req.getSession().setAttribute(name, value);
                resp.sendRedirect(req.getContextPath() + "/get?name=" + name);
            }
            case "/set-unserializable" -> {
                try {
                    req.getSession().setAttribute(name, new Object());
                    resp.getWriter().print("accepted");
                } catch (IllegalArgumentException e) {
                    resp.getWriter().print(e.getMessage());
                }
            }
            case "/big" -> {
                req.getSession().setAttribute(name, value);
                out = resp.getWriter();
                int size = Integer.parseInt(req.getParameter("size"));
                for (int i = 0; i < size; i++) {
                    out.print('x');
                }
            }
            case "/bind" -> {
                req.getSession().setAttribute(name, new BoundValue(value));
                resp.getWriter().print("bound");
            }
            default -> resp.sendError(404);
        }
    }
}
