package io.github.sessionfilter.demo.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;

/** {@code /session}: what the servlet API says about this visitor's session, to watch it move between instances. */
public final class SessionServlet extends PageServlet {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession();
        List<String> names = Collections.list(session.getAttributeNames());
        Collections.sort(names);
        int maxInactive = session.getMaxInactiveInterval();
        String body = "<dl>"
                + row("Session id", shorten(session.getId()))
                + row("Created", TIME.format(Instant.ofEpochMilli(session.getCreationTime())))
                + row("Last accessed", TIME.format(Instant.ofEpochMilli(session.getLastAccessedTime())))
                + row("Max inactive interval", maxInactive <= 0 ? "never expires"
                        : maxInactive + " s (" + maxInactive / 60 + " min)")
                + row("New", session.isNew() ? "yes" : "no")
                + row("Attributes", names.isEmpty() ? "none" : String.join(", ", names))
                + row("Served by", Instance.describe(request))
                + "</dl><p class=\"muted\">Reload this page, or open it on another instance: the session id and "
                + "creation time stay the same while the instance changes. Only the start of the id is shown.</p>";
        Layout.page(request, response, HttpServletResponse.SC_OK, "Your session", body);
    }

    static String shorten(String id) {
        return id.length() <= 6 ? id : id.substring(0, 6) + "…";
    }

    private static String row(String term, String value) {
        return "<dt>" + Html.escape(term) + "</dt><dd>" + Html.escape(value) + "</dd>";
    }
}
