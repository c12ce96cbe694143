package io.github.sessionfilter.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An embedded Jetty 12 (ee10) server with the filter in front of one servlet at {@code /app}. The
 * context has no container session support at all, so any call that reached the container's
 * session would fail.
 */
public final class AppServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final ServletContextHandler context;

    private AppServer(Server server, ServerConnector connector, ServletContextHandler context) {
        this.server = server;
        this.connector = connector;
        this.context = context;
    }

    public static AppServer start(Filter filter, Map<String, String> initParams, HttpServlet servlet) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        // Larger than any container default (8 KiB), so oversized cookies reach the filter under test.
        http.setRequestHeaderSize(64 * 1024);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/app");
        FilterHolder holder = new FilterHolder(filter);
        holder.setInitParameters(initParams);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR));
        context.addServlet(new ServletHolder(servlet), "/*");
        server.setHandler(context);
        server.start();
        return new AppServer(server, connector, context);
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app" + pathAndQuery);
    }

    /** The web app's servlet context, as the application sees it. */
    public jakarta.servlet.ServletContext context() {
        return context.getServletContext();
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
