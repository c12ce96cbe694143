package io.github.sessionfilter.testing;

import jakarta.servlet.http.HttpSessionActivationListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import java.io.Serializable;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** An attribute value that records binding and activation callbacks. */
public class BoundValue implements Serializable, HttpSessionBindingListener, HttpSessionActivationListener {
    private static final long serialVersionUID = 1L;
    public static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();

    private final String label;

    public BoundValue(String label) {
        this.label = label;
    }

    @Override
    public void valueBound(HttpSessionBindingEvent event) {
        EVENTS.add("bound " + label);
    }

    @Override
    public void valueUnbound(HttpSessionBindingEvent event) {
        EVENTS.add("unbound " + label);
    }

    @Override
    public void sessionWillPassivate(HttpSessionEvent se) {
        EVENTS.add("passivate " + label);
    }

    @Override
    public void sessionDidActivate(HttpSessionEvent se) {
        EVENTS.add("activate " + label);
    }

    @Override
    public String toString() {
        return "BoundValue(" + label + ")";
    }
}
