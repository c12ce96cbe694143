package io.github.sessionfilter.web;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionActivationListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;

/**
 * The application's session listeners and the listener interfaces of attribute values, called the
 * way a servlet container calls them. A listener that throws is logged; the request goes on.
 */
public final class SessionListeners {
    private static final Logger LOG = System.getLogger(SessionListeners.class.getName());

    private final List<HttpSessionListener> lifecycle = new ArrayList<>();
    private final List<HttpSessionAttributeListener> attributes = new ArrayList<>();
    private final List<HttpSessionIdListener> ids = new ArrayList<>();

    /** Registers a listener under every session listener interface it implements; returns whether it implements any. */
    public boolean add(EventListener listener) {
        boolean used = false;
        if (listener instanceof HttpSessionListener l) {
            lifecycle.add(l);
            used = true;
        }
        if (listener instanceof HttpSessionAttributeListener l) {
            attributes.add(l);
            used = true;
        }
        if (listener instanceof HttpSessionIdListener l) {
            ids.add(l);
            used = true;
        }
        return used;
    }


    /** Whether any listener hears of sessions ending or losing attributes (then timeouts are worth announcing). */
    public boolean hearEndings() {
        return !lifecycle.isEmpty() || !attributes.isEmpty();
    }

    void created(HttpSession session) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        for (HttpSessionListener l : lifecycle) {
            safely("sessionCreated", l, () -> l.sessionCreated(event));
        }
    }

    /** Called in reverse order of declaration, as containers do. */
    void destroyed(HttpSession session) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        for (int i = lifecycle.size() - 1; i >= 0; i--) {
            HttpSessionListener l = lifecycle.get(i);
            safely("sessionDestroyed", l, () -> l.sessionDestroyed(event));
        }
    }

    void idChanged(HttpSession session, String oldId) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        for (HttpSessionIdListener l : ids) {
            safely("sessionIdChanged", l, () -> l.sessionIdChanged(event, oldId));
        }
    }

    void added(HttpSession session, String name, Object value) {
        if (value instanceof HttpSessionBindingListener b) {
            safely("valueBound", b, () -> b.valueBound(new HttpSessionBindingEvent(session, name, value)));
        }
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, value);
        for (HttpSessionAttributeListener l : attributes) {
            safely("attributeAdded", l, () -> l.attributeAdded(event));
        }
    }

    void replaced(HttpSession session, String name, Object oldValue, Object newValue) {
        if (newValue instanceof HttpSessionBindingListener b && newValue != oldValue) {
            safely("valueBound", b, () -> b.valueBound(new HttpSessionBindingEvent(session, name, newValue)));
        }
        if (oldValue instanceof HttpSessionBindingListener b && newValue != oldValue) {
            safely("valueUnbound", b, () -> b.valueUnbound(new HttpSessionBindingEvent(session, name, oldValue)));
        }
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, oldValue);
        for (HttpSessionAttributeListener l : attributes) {
            safely("attributeReplaced", l, () -> l.attributeReplaced(event));
        }
    }

    void removed(HttpSession session, String name, Object value) {
        if (value instanceof HttpSessionBindingListener b) {
            safely("valueUnbound", b, () -> b.valueUnbound(new HttpSessionBindingEvent(session, name, value)));
        }
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, value);
        for (HttpSessionAttributeListener l : attributes) {
            safely("attributeRemoved", l, () -> l.attributeRemoved(event));
        }
    }

    void activated(HttpSession session, Object value) {
        if (value instanceof HttpSessionActivationListener a) {
            safely("sessionDidActivate", a, () -> a.sessionDidActivate(new HttpSessionEvent(session)));
        }
    }

    void passivating(HttpSession session, Object value) {
        if (value instanceof HttpSessionActivationListener a) {
            safely("sessionWillPassivate", a, () -> a.sessionWillPassivate(new HttpSessionEvent(session)));
        }
    }

    private static void safely(String callback, Object listener, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Session listener " + listener.getClass().getName() + "." + callback + " failed", e);
        }
    }
}
