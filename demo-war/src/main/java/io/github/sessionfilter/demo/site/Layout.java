package io.github.sessionfilter.demo.site;

import io.github.sessionfilter.demo.members.SignedInMember;
import io.github.sessionfilter.demo.shop.Cart;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * The frame around every page: head, navigation, one-time message, footer naming the instance and how many
 * sessions are live ("online now", {@link OnlineNowListener}). The style sheet is a static file,
 * {@code /style.css}, served by the container's default servlet.
 */
final class Layout {
    private Layout() {
    }

    /** A full page for {@code request}'s session (read, never created, except for the logout form's token). */
    static void page(HttpServletRequest request, HttpServletResponse response, int status, String title, String body)
            throws IOException {
        HttpSession session = request.getSession(false);
        SignedInMember member = session == null ? null : (SignedInMember) session.getAttribute(SessionKeys.MEMBER);
        Cart cart = session == null ? null : (Cart) session.getAttribute(SessionKeys.CART);
        String flash = null;
        if (session != null) {
            flash = (String) session.getAttribute(SessionKeys.FLASH);
            if (flash != null) {
                session.removeAttribute(SessionKeys.FLASH);
            }
        }
        String ctx = Html.escape(request.getContextPath());
        StringBuilder nav = new StringBuilder()
                .append("<a href=\"").append(ctx).append("/\">Shop</a>")
                .append("<a href=\"").append(ctx).append("/cart\">Cart (")
                .append(cart == null ? 0 : cart.totalQuantity()).append(")</a>")
                .append("<a href=\"").append(ctx).append("/session\">Session</a>");
        if (member == null) {
            nav.append("<a href=\"").append(ctx).append("/login\">Log in</a>")
                    .append("<a href=\"").append(ctx).append("/register\">Register</a>");
        } else {
            nav.append("<a href=\"").append(ctx).append("/profile\">").append(Html.escape(member.displayName()))
                    .append("</a><a href=\"").append(ctx).append("/sessions\">Your sessions</a>")
                    .append("<form class=\"inline\" method=\"post\" action=\"").append(ctx).append("/logout\">")
                    .append(CsrfToken.hiddenField(request)).append("<button>Log out</button></form>");
        }
        String notice = flash == null ? "" : "<p class=\"flash\" role=\"status\">" + Html.escape(flash) + "</p>";
        Long online = OnlineNowListener.shown(request.getServletContext());
        String footer = online == null ? "" : " · <span id=\"online-now\">online now: " + online + "</span>";
        write(request, response, status, title, nav.toString(), notice + body, footer);
    }

    /** A page that never touches the session: for error pages, which must work when the session store does not. */
    static void bare(HttpServletRequest request, HttpServletResponse response, String title, String body)
            throws IOException {
        String ctx = Html.escape(request.getContextPath());
        write(request, response, response.getStatus(), title, "<a href=\"" + ctx + "/\">Shop</a>", body, "");
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
            String nav, String body, String footer) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Content-Security-Policy",
                "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        String ctx = Html.escape(request.getContextPath());
        response.getWriter().write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.escape(title) + " · The Tea Club</title>"
                + "<link rel=\"stylesheet\" href=\"" + ctx + "/style.css\"></head>\n<body>"
                + "<header><a class=\"brand\" href=\"" + ctx + "/\">The Tea Club</a><nav>" + nav + "</nav></header>\n"
                + "<main><h1>" + Html.escape(title) + "</h1>\n" + body + "\n</main>\n"
                + "<footer>Served by instance <strong>" + Html.escape(Instance.describe(request)) + "</strong>" + footer + "</footer>"
                + "\n</body></html>\n");
    }
}
