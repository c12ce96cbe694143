package io.github.sessionfilter.demo.site;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page for every status and exception (see web.xml). Shows a plain explanation, never
 * details or a stack trace, and never touches the session: it must work when the session store does not.
 */
public final class ErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Integer code = (Integer) request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            // Asked for /error directly: there is no such page.
            code = HttpServletResponse.SC_NOT_FOUND;
            response.setStatus(code);
        }
        String title;
        String message;
        switch (code) {
            case 400 -> {
                title = "Bad request";
                message = "The request could not be understood.";
            }
            case 403 -> {
                title = "Form expired";
                message = "This form has expired or did not come from this site. Go back, reload the page and try again.";
            }
            case 404 -> {
                title = "Page not found";
                message = "There is no page at this address.";
            }
            case 405 -> {
                title = "Not allowed";
                message = "This page cannot be used that way.";
            }
            case 503 -> {
                title = "Temporarily unavailable";
                message = "The service is temporarily unavailable. Please try again in a moment.";
            }
            default -> {
                boolean ours = code >= 500;
                title = ours ? "Something went wrong" : "Request not accepted";
                message = ours ? "Sorry, something went wrong on our side. Please try again in a moment."
                        : "This request could not be handled.";
            }
        }
        Layout.bare(request, response, title, "<p>" + Html.escape(message) + "</p>");
    }
}
