package io.github.sessionfilter.config;

import io.github.sessionfilter.web.SessionListeners;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the application's session listeners: {@code <listener>} entries in {@code WEB-INF/web.xml},
 * {@code @WebListener} classes reported by the filter's {@code ServletContainerInitializer}, and the
 * {@code listeners} setting. The container does not call session listeners for sessions it did not
 * create, so the filter keeps its own instances of them.
 */
final class SessionListenerDiscovery {
    private static final Logger LOG = System.getLogger(SessionListenerDiscovery.class.getName());

    private SessionListenerDiscovery() {
    }

    /**
     * The listeners; a class named by the {@code listeners} setting that cannot be created adds a
     * problem, one named elsewhere is logged and skipped.
     */
    static SessionListeners discover(ServletContext context, List<String> fromWebXml, List<String> configured,
                                     List<String> problems) {
        Set<String> names = new LinkedHashSet<>(fromWebXml);
        Object annotated = context.getAttribute(FilterRuntime.ANNOTATED_LISTENERS);
        if (annotated instanceof List<?> list) {
            list.forEach(name -> names.add(String.valueOf(name)));
        }
        names.addAll(configured);
        SessionListeners listeners = new SessionListeners();
        for (String name : names) {
            try {
                Class<?> type = Class.forName(name, true, loader(context));
                if (EventListener.class.isAssignableFrom(type)) {
                    EventListener instance = instantiate(context, type.asSubclass(EventListener.class));
                    if (listeners.add(instance)) {
                        LOG.log(Level.DEBUG, "session listener {0}", name);
                    }
                }
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                if (configured.contains(name)) {
                    problems.add(Setting.LISTENERS.key() + ": cannot create '" + name + "': " + e);
                } else {
                    LOG.log(Level.WARNING, "Cannot create listener {0} for sessions: {1}", name, e.toString());
                }
            }
        }
        return listeners;
    }

    private static EventListener instantiate(ServletContext context, Class<? extends EventListener> type)
            throws ReflectiveOperationException {
        try {
            return context.createListener(type);
        } catch (Exception e) {
            // Outside initialisation some containers refuse createListener (unsupported, illegal state,
            // or a checked ServletException); plain construction still works.
            return type.getDeclaredConstructor().newInstance();
        }
    }

    private static ClassLoader loader(ServletContext context) {
        ClassLoader loader = context.getClassLoader();
        return loader != null ? loader : Thread.currentThread().getContextClassLoader();
    }
}
