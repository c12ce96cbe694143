package io.github.sessionfilter.containers.cookieapp;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;

/**
 * Configures the session cookie in code, as frameworks do for every WAR they start (Spring Boot's
 * {@code server.servlet.session.cookie.*}): name, path, max age, HttpOnly, and the Servlet 6 attributes
 * {@code SameSite} and {@code Partitioned}. Secure is left off so a plain-HTTP test client keeps the cookie.
 */
public class CookieConfigListener implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig config = event.getServletContext().getSessionCookieConfig();
        config.setName("SHOPSESSION");
        config.setPath(event.getServletContext().getContextPath() + "/shop");
        config.setMaxAge(3600);
        config.setHttpOnly(true);
        config.setAttribute("SameSite", "Strict");
        config.setAttribute("Partitioned", "");
    }
}
