package io.github.sessionfilter.testing;

import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** An application session listener that records what it was told, across both test instances. */
public class RecordingListener implements HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener {
    public static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();

    @Override
    public void sessionCreated(HttpSessionEvent se) {
        EVENTS.add("created");
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent se) {
        EVENTS.add("destroyed");
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        EVENTS.add("added " + event.getName() + "=" + event.getValue());
    }

    @Override
    public void attributeRemoved(HttpSessionBindingEvent event) {
        EVENTS.add("removed " + event.getName() + "=" + event.getValue());
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent event) {
        EVENTS.add("replaced " + event.getName() + "=" + event.getValue());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        EVENTS.add("id changed " + (oldSessionId.equals(event.getSession().getId()) ? "to same" : "to new"));
    }
}
