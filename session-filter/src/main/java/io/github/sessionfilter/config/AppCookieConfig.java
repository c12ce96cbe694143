package io.github.sessionfilter.config;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the application chose for its session cookie through {@link ServletContext#getSessionCookieConfig()}:
 * in code (a {@code ServletContextListener}, a {@code ServletContainerInitializer}, Spring Boot's
 * {@code server.servlet.session.cookie.*}) or in {@code web.xml} {@code <cookie-config>}, which the
 * container applies to the same object. Read when the filter starts, after the app's listeners have run.
 *
 * <p>Only choices that differ from what a container reports when nobody chose anything are kept, so
 * that a Tomcat and a Jetty instance of the same app agree: Jetty reports the name {@code JSESSIONID}
 * and Tomcat none, both report {@code Secure} false and max age -1. A {@code null} field means "the
 * app chose nothing". {@code HttpOnly} is not part of it: the session cookie is always HttpOnly, since
 * no script has any use for the token.
 */
record AppCookieConfig(String name, String path, String domain, boolean secure, Integer maxAgeSeconds,
                       String sameSite, Map<String, String> attributes, List<String> ignored) {
    private static final Logger LOG = System.getLogger(AppCookieConfig.class.getName());
    /** Attributes with a getter of their own, or that the filter sets itself. */
    private static final Set<String> HANDLED = Set.of("domain", "path", "max-age", "secure", "httponly", "comment",
            "expires", "samesite");

    static final AppCookieConfig NONE = new AppCookieConfig(null, null, null, false, null, null, Map.of(), List.of());

    AppCookieConfig {
        attributes = Map.copyOf(attributes);
        ignored = List.copyOf(ignored);
    }

    /** The app's choices; {@link #NONE} when the context has no session cookie configuration. */
    static AppCookieConfig read(ServletContext context) {
        SessionCookieConfig config;
        try {
            config = context.getSessionCookieConfig();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.DEBUG, "The container has no session cookie configuration: {0}", e.toString());
            return NONE;
        }
        return config == null ? NONE : of(config);
    }

    static AppCookieConfig of(SessionCookieConfig config) {
        List<String> ignored = new ArrayList<>();
        String name = blankToNull(config.getName());
        if ("JSESSIONID".equals(name)) {
            name = null; // what Jetty reports when nobody chose a name; Tomcat reports null
        }
        int maxAge = config.getMaxAge();
        Integer maxAgeSeconds = null;
        if (maxAge > 0) {
            maxAgeSeconds = maxAge;
        } else if (maxAge == 0) {
            ignored.add("max-age 0 (the cookie would be deleted at once, and no session could continue)");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        String sameSite = null;
        for (Map.Entry<String, String> attribute : attributes(config).entrySet()) {
            String key = attribute.getKey().toLowerCase(Locale.ROOT);
            if (key.equals("samesite")) {
                sameSite = blankToNull(attribute.getValue());
            } else if (!HANDLED.contains(key)) {
                extra.put(attribute.getKey(), attribute.getValue() == null ? "" : attribute.getValue());
            }
        }
        return new AppCookieConfig(name, blankToNull(config.getPath()), blankToNull(config.getDomain()),
                config.isSecure(), maxAgeSeconds, sameSite, extra, ignored);
    }

    /** Servlet 6 {@code getAttributes()}; nothing on older containers. */
    private static Map<String, String> attributes(SessionCookieConfig config) {
        try {
            Map<String, String> attributes = config.getAttributes();
            return attributes == null ? Map.of() : attributes;
        } catch (LinkageError | UnsupportedOperationException e) {
            return Map.of();
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
