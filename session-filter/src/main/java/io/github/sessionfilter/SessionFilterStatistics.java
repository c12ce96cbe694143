package io.github.sessionfilter;

/**
 * Counters an operator or a health endpoint can read while the application runs. The filter publishes
 * one instance per web application as the servlet context attribute {@link #CONTEXT_ATTRIBUTE}, e.g.
 * {@code ((SessionFilterStatistics) getServletContext().getAttribute(SessionFilterStatistics.CONTEXT_ATTRIBUTE)).rejectedTokens()}.
 * The same count is logged at INFO at most every five minutes while tokens are being rejected.
 */
public interface SessionFilterStatistics {
    /** The servlet context attribute under which the filter publishes its statistics. */
    String CONTEXT_ATTRIBUTE = "io.github.sessionfilter.statistics";

    /**
     * Session cookies whose token was refused (forged, malformed, expired, signed with an unknown or
     * retired key, minted for another application) since the filter started. Each was treated as no
     * session without a Redis call.
     */
    long rejectedTokens();
}
