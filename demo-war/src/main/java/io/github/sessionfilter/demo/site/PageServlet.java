package io.github.sessionfilter.demo.site;

import io.github.sessionfilter.demo.members.MemberStore;
import io.github.sessionfilter.demo.members.MembersDatabaseListener;
import io.github.sessionfilter.demo.members.PasswordHasher;
import io.github.sessionfilter.demo.members.SignedInMember;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Base of every page: a POST is handled only when it carries the session's CSRF token (else 403), and
 * a successful POST ends in a 303 redirect (post-redirect-get), so reloading never submits twice.
 */
abstract class PageServlet extends HttpServlet {
    /** Status for a form sent back with validation errors. */
    static final int UNPROCESSABLE = 422;

    @Override
    protected final void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!CsrfToken.isValid(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        post(request, response);
    }

    /** Handles a POST whose CSRF token has been checked. */
    protected void post(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    static SignedInMember member(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (SignedInMember) session.getAttribute(SessionKeys.MEMBER);
    }

    static void redirect(HttpServletRequest request, HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + path);
    }

    static void redirectWithMessage(HttpServletRequest request, HttpServletResponse response, String path, String message) {
        request.getSession().setAttribute(SessionKeys.FLASH, message);
        redirect(request, response, path);
    }

    static String parameter(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value.strip();
    }

    MemberStore members() {
        return (MemberStore) getServletContext().getAttribute(MembersDatabaseListener.STORE);
    }

    PasswordHasher passwords() {
        return (PasswordHasher) getServletContext().getAttribute(MembersDatabaseListener.HASHER);
    }

    String ctx(HttpServletRequest request) {
        return Html.escape(request.getContextPath());
    }
}
