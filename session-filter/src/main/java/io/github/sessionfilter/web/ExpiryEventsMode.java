package io.github.sessionfilter.web;

/** Whether timed-out sessions are announced to listeners (setting {@code session.expiry-events}). */
public enum ExpiryEventsMode {
    /**
     * When the app has session or session attribute listeners (the default). Values that implement
     * {@code HttpSessionBindingListener} are not known in advance: an app that relies on them alone
     * sets {@link #ON}.
     */
    AUTO,
    /**
     * Always: every session is entered in the expiry index when created (one more command on that
     * request), the sweep costs a few commands per instance per minute, and the data of a timed-out
     * session stays in Redis for a grace period, until it has been announced.
     */
    ON,
    /** Never: a timed-out session ends silently, as with any remote session store without this feature. */
    OFF
}
