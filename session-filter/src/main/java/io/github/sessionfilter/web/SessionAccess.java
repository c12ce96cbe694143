package io.github.sessionfilter.web;

import java.util.Locale;

/**
 * Which requests count as an access to their session: update its last-accessed time and restart its
 * idle timeout.
 */
public enum SessionAccess {
    /**
     * A request counts when the application asks for its session ({@code getSession()}, or anything
     * else that reads it). A request that carries the cookie but never asks (a static file, a page
     * that does not use the session) costs no Redis round trip, and does not count: a visitor who
     * only sees such pages for longer than the idle timeout loses the session. The default.
     */
    GET_SESSION,
    /**
     * Every request that carries a valid session cookie counts, as the Servlet specification says.
     * A request that never asks for its session pays one extra round trip (a small script: check,
     * update the last access, slide the time-to-live; no attribute is read), just before its response
     * is committed. Requests that ask for the session pay nothing extra.
     */
    EVERY_REQUEST;


    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
