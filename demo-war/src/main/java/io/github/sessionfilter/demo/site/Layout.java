package io.github.sessionfilter.demo.site;

import io.github.sessionfilter.demo.members.SignedInMember;
import io.github.sessionfilter.demo.shop.Cart;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** The frame around every page: head, navigation, one-time message, footer naming the instance. */
final class Layout {
    private static final String STYLE = """
            body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#faf8f4}
            header{background:#2f4f3a;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
            header a{color:#fff}
            .brand{font-weight:700;text-decoration:none;margin-right:auto}
            nav{display:flex;flex-wrap:wrap;gap:.9rem;align-items:center}
            main,footer{max-width:46rem;margin:1.5rem auto;padding:0 1rem}
            footer{border-top:1px solid #ddd;padding-top:.8rem;color:#666;font-size:.9rem}
            .flash{background:#e6f2e8;border:1px solid #9c9;padding:.5rem .8rem}
            .error{color:#a11;margin:.1rem 0 0}
            .errors{background:#fbeaea;border:1px solid #d99;padding:.5rem .8rem}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e3e0da}
            .num{text-align:right}
            form.inline{display:inline;margin:0}
            label{display:block;margin:.7rem 0 .2rem;font-weight:600}
            input[type=text],input[type=password]{width:100%;max-width:22rem;padding:.35rem;font:inherit}
            button{font:inherit;padding:.25rem .8rem;cursor:pointer}
            nav button{background:none;border:1px solid #fff;color:#fff}
            dl{display:grid;grid-template-columns:max-content auto;gap:.3rem 1rem}
            dt{font-weight:600}
            .muted{color:#666}
            """;

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
                    .append("</a><form class=\"inline\" method=\"post\" action=\"").append(ctx).append("/logout\">")
                    .append(CsrfToken.hiddenField(request)).append("<button>Log out</button></form>");
        }
        String notice = flash == null ? "" : "<p class=\"flash\" role=\"status\">" + Html.escape(flash) + "</p>";
        write(request, response, status, title, nav.toString(), notice + body);
    }

    /** A page that never touches the session: for error pages, which must work when the session store does not. */
    static void bare(HttpServletRequest request, HttpServletResponse response, String title, String body)
            throws IOException {
        String ctx = Html.escape(request.getContextPath());
        write(request, response, response.getStatus(), title, "<a href=\"" + ctx + "/\">Shop</a>", body);
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
            String nav, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        String ctx = Html.escape(request.getContextPath());
        response.getWriter().write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.escape(title) + " · The Tea Club</title><style>" + STYLE + "</style></head>\n<body>"
                + "<header><a class=\"brand\" href=\"" + ctx + "/\">The Tea Club</a><nav>" + nav + "</nav></header>\n"
                + "<main><h1>" + Html.escape(title) + "</h1>\n" + body + "\n</main>\n"
                + "<footer>Served by instance <strong>" + Html.escape(Instance.describe(request)) + "</strong></footer>"
                + "\n</body></html>\n");
    }
}
