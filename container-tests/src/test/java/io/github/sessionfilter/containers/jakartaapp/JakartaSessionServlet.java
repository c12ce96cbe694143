package io.github.sessionfilter.containers.jakartaapp;

import io.github.sessionfilter.containers.shared.Basket;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The Jakarta twin of {@code legacyapp.LegacySessionServlet} (same protocol, Servlet 6), for the mixed fleet:
 * Tomcat 9 with the javax jar and Tomcat 11 with the Jakarta jar serving one visitor. No listeners here.
 */
public class JakartaSessionServlet extends HttpServlet {
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
                out.println("events=" + String.join(" ", List.of()));
                return;
            default:
                response.sendError(400, "unknown op " + op);
                return;
        }
        session = request.getSession(false);
        out.println("id=" + (session == null ? "none" : session.getId()));
    }
}
