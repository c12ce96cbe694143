package io.github.sessionfilter.containers.legacyapp;

import io.github.sessionfilter.containers.shared.Basket;
import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/**
 * The javax test app's one servlet (compiled against javax.servlet-api 4.0.1), written as a Servlet 4 app is:
 * {@code /app/s?op=...} answers {@code key=value} lines, the last one {@code id=<session id or none>}.
 * {@code jakartaapp.JakartaSessionServlet} speaks the same protocol on Servlet 6.
 */
public class LegacySessionServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        String op = String.valueOf(request.getParameter("op"));
        HttpSession session;
        switch (op) {
            case "none":
                out.println("ok=true");
                return; // never touches the session
            case "put":
                session = request.getSession();
                session.setAttribute(request.getParameter("name"), request.getParameter("value"));
                break;
            case "get":
                session = request.getSession(false);
                String name = request.getParameter("name");
                out.println(name + "=" + (session == null ? null : session.getAttribute(name)));
                break;
            case "add":
                session = request.getSession();
                Basket basket = (Basket) session.getAttribute("basket");
                if (basket == null) {
                    basket = new Basket();
                    session.setAttribute("basket", basket);
                }
                basket.add(request.getParameter("item")); // in place: no setAttribute for an existing basket
                out.println("basket=" + basket);
                break;
            case "basket":
                session = request.getSession(false);
                out.println("basket=" + (session == null ? null : session.getAttribute("basket")));
                break;
            case "login":
                session = request.getSession();
                out.println("before=" + session.getId());
                request.changeSessionId();
                session.setAttribute("user", request.getParameter("user"));
                break;
            case "logout":
                session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                session = null;
                break;
            case "events":
                out.println("events=" + String.join(" ", LegacySessionEvents.EVENTS));
                return;
            default:
                response.sendError(400, "unknown op " + op);
                return;
        }
        session = request.getSession(false);
        out.println("id=" + (session == null ? "none" : session.getId()));
    }
}
