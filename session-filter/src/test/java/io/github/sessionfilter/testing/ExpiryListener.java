package io.github.sessionfilter.testing;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Records every sessionDestroyed with the session's {@code user} attribute, as read inside the listener. */
public class ExpiryListener implements HttpSessionListener {
    public static final Queue<String> DESTROYED = new ConcurrentLinkedQueue<>();

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        DESTROYED.add(event.getSession().getId() + " user=" + event.getSession().getAttribute("user"));
    }
}
