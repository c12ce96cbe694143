package io.github.sessionfilter.demo.site;

import io.github.sessionfilter.demo.members.MembersDatabaseListener;
import io.github.sessionfilter.demo.members.OnlineCount;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.sql.SQLException;

/**
 * "Online now", the way a legacy app counts its visitors: +1 when a session is created, -1 when one ends
 * (logout, or a timeout, which session-filter announces once across all instances). The number lives in
 * the members database, which every instance shares. A failing database costs the count, never the request.
 */
public final class OnlineNowListener implements HttpSessionListener {

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        add(event.getSession().getServletContext(), 1);
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        add(event.getSession().getServletContext(), -1);
    }

    /** Also used for sessions the app ends without a listener call (revoked ones, see {@link SessionsServlet}). */
    static void add(ServletContext context, long delta) {
        OnlineCount online = (OnlineCount) context.getAttribute(MembersDatabaseListener.ONLINE);
        if (online == null) {
            return; // the database listener has not run (or failed): nothing to count into
        }
        try {
            online.add(delta);
        } catch (SQLException e) {
            context.log("could not change the online count by " + delta + ": " + e.getMessage());
        }
    }

    /** The number for the page footer; null when it cannot be read. */
    static Long shown(ServletContext context) {
        OnlineCount online = (OnlineCount) context.getAttribute(MembersDatabaseListener.ONLINE);
        if (online == null) {
            return null;
        }
        try {
            return online.shown();
        } catch (SQLException e) {
            context.log("could not read the online count: " + e.getMessage());
            return null;
        }
    }
}
