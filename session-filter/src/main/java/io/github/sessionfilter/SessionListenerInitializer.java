package io.github.sessionfilter;

import io.github.sessionfilter.config.AutoRegistration;
import io.github.sessionfilter.config.FilterRuntime;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Runs when the web app starts with session-filter in {@code WEB-INF/lib}. It tells the filter which
 * {@code @WebListener} classes listen to sessions (the container hands every application class
 * implementing a session listener interface to this initializer), and, unless switched off with
 * {@code SESSION_AUTO_REGISTER=false}, registers {@link RedisSessionFilter} first in the chain for
 * {@code /*} when {@code SESSION_REDIS_URI} is set and {@code web.xml} does not declare the filter.
 */
@HandlesTypes({HttpSessionListener.class, HttpSessionAttributeListener.class, HttpSessionIdListener.class})
public final class SessionListenerInitializer implements ServletContainerInitializer {
    static final String ATTRIBUTE = FilterRuntime.ANNOTATED_LISTENERS;
    private static final Logger LOG = System.getLogger(SessionListenerInitializer.class.getName());

    private final Map<String, String> environment;
    private final Properties systemProperties;

    public SessionListenerInitializer() {
        this(System.getenv(), System.getProperties());
    }

    SessionListenerInitializer(Map<String, String> environment, Properties systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        List<String> annotated = new ArrayList<>();
        if (classes != null) {
            for (Class<?> type : classes) {
                if (type.isAnnotationPresent(WebListener.class)) {
                    annotated.add(type.getName());
                }
            }
        }
        context.setAttribute(ATTRIBUTE, List.copyOf(annotated));
        registerFilterIfWanted(context);
    }

    private void registerFilterIfWanted(ServletContext context) {
        AutoRegistration decision = AutoRegistration.decide(environment, systemProperties);
        if (decision == AutoRegistration.SWITCHED_OFF) {
            return;
        }
        for (FilterRegistration registration : context.getFilterRegistrations().values()) {
            if (RedisSessionFilter.class.getName().equals(registration.getClassName())) {
                return;
            }
        }
        if (decision == AutoRegistration.NOT_CONFIGURED) {
            LOG.log(Level.INFO, "session-filter is in WEB-INF/lib but not registered: neither web.xml declares it"
                    + " nor is SESSION_REDIS_URI set");
            return;
        }
        FilterRegistration.Dynamic filter = context.addFilter("session-filter", RedisSessionFilter.class);
        if (filter == null) {
            return;
        }
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR, DispatcherType.ASYNC), false, "/*");
        LOG.log(Level.INFO, "session-filter registered itself first in the filter chain of ''{0}''",
                context.getContextPath());
    }
}
