package io.github.sessionfilter.containers.legacyapp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.servlet.http.HttpSessionAttributeListener;
import javax.servlet.http.HttpSessionBindingEvent;
import javax.servlet.http.HttpSessionEvent;
import javax.servlet.http.HttpSessionIdListener;
import javax.servlet.http.HttpSessionListener;

/** Session listeners declared in the javax test app's {@code web.xml}; what they heard in this JVM, in order. */
public class LegacySessionEvents implements HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener {
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        EVENTS.add("created:" + event.getSession().getId());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        EVENTS.add("destroyed:" + event.getSession().getId());
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        EVENTS.add("added:" + event.getName() + "=" + event.getValue());
    }

    @Override
    public void attributeRemoved(HttpSessionBindingEvent event) {
        EVENTS.add("removed:" + event.getName());
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent event) {
        EVENTS.add("replaced:" + event.getName() + "=" + event.getValue());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        EVENTS.add("idChanged:" + oldSessionId + "->" + event.getSession().getId());
    }
}
