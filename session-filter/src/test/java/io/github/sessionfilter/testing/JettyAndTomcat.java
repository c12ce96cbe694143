package io.github.sessionfilter.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An embedded Jetty 12 (ee10) and an embedded Tomcat 11 sharing one Redis, each with the filter on
 * {@code /*} (REQUEST, FORWARD, ERROR, ASYNC), the application's servlet on {@code /t/*}, the
 * container's own default servlet serving the files of {@code webRoot}, and error pages for 404 and
 * for any exception at {@code /t/error}.
 */
public final class JettyAndTomcat implements AutoCloseable {
    public enum Container { JETTY, TOMCAT }

    private final Server jetty;
    private final int jettyPort;
    private final Tomcat tomcat;
    private final int tomcatPort;

    private JettyAndTomcat(Server jetty, int jettyPort, Tomcat tomcat, int tomcatPort) {
        this.jetty = jetty;
        this.jettyPort = jettyPort;
        this.tomcat = tomcat;
        this.tomcatPort = tomcatPort;
    }

    public static JettyAndTomcat start(Path webRoot, Path tomcatBase, Map<String, String> settings,
                                       Supplier<Filter> filter, Supplier<HttpServlet> servlet) throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/app");
        context.setBaseResourceAsPath(webRoot);
        FilterHolder filterHolder = new FilterHolder(filter.get());
        filterHolder.setInitParameters(settings);
        filterHolder.setAsyncSupported(true);
        context.addFilter(filterHolder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD,
                DispatcherType.ERROR, DispatcherType.ASYNC));
        ServletHolder app = new ServletHolder(servlet.get());
        app.setAsyncSupported(true);
        context.addServlet(app, "/t/*");
        ServletHolder files = new ServletHolder("default", DefaultServlet.class);
        files.setInitParameter("dirAllowed", "false");
        files.setInitParameter("etags", "true"); // Tomcat sends an ETag by default; Jetty only when asked
        context.addServlet(files, "/");
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.addErrorPage(404, "/t/error");
        errors.addErrorPage(Throwable.class, "/t/error");
        context.setErrorHandler(errors);
        jetty.setHandler(context);
        jetty.start();

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(tomcatBase.toString());
        Connector tomcatConnector = new Connector();
        tomcatConnector.setPort(0);
        tomcatConnector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(tomcatConnector);
        Context tomcatContext = tomcat.addContext("/app", webRoot.toString());
        tomcatContext.addMimeMapping("css", "text/css");
        tomcatContext.addMimeMapping("bin", "application/octet-stream");
        Wrapper defaultServlet = Tomcat.addServlet(tomcatContext, "default", "org.apache.catalina.servlets.DefaultServlet");
        defaultServlet.addInitParameter("listings", "false");
        defaultServlet.setLoadOnStartup(1);
        tomcatContext.addServletMappingDecoded("/", "default");
        Wrapper tomcatApp = Tomcat.addServlet(tomcatContext, "app", servlet.get());
        tomcatApp.setAsyncSupported(true);
        tomcatContext.addServletMappingDecoded("/t/*", "app");
        FilterDef filterDef = new FilterDef();
        filterDef.setFilterName("session");
        filterDef.setFilter(filter.get());
        filterDef.setAsyncSupported("true");
        settings.forEach(filterDef::addInitParameter);
        tomcatContext.addFilterDef(filterDef);
        FilterMap filterMap = new FilterMap();
        filterMap.setFilterName("session");
        filterMap.addURLPattern("/*");
        for (String dispatcher : new String[] {"REQUEST", "FORWARD", "ERROR", "ASYNC"}) {
            filterMap.setDispatcher(dispatcher);
        }
        tomcatContext.addFilterMap(filterMap);
        ErrorPage notFound = new ErrorPage();
        notFound.setErrorCode(404);
        notFound.setLocation("/t/error");
        tomcatContext.addErrorPage(notFound);
        ErrorPage thrown = new ErrorPage();
        thrown.setExceptionType(Throwable.class.getName());
        thrown.setLocation("/t/error");
        tomcatContext.addErrorPage(thrown);
        tomcat.start();
        return new JettyAndTomcat(jetty, connector.getLocalPort(), tomcat, tomcatConnector.getLocalPort());
    }

    public URI uri(Container container, String pathAndQuery) {
        int port = container == Container.JETTY ? jettyPort : tomcatPort;
        return URI.create("http://127.0.0.1:" + port + "/app" + pathAndQuery);
    }

    public static Container other(Container container) {
        return container == Container.JETTY ? Container.TOMCAT : Container.JETTY;
    }

    @Override
    public void close() throws Exception {
        try {
            jetty.stop();
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
