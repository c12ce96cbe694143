package io.github.sessionfilter;

import java.util.List;

/**
 * The filter's configuration is invalid. The message lists every problem found, each naming the
 * setting (init-param and environment variable), the rule, and the value seen unless it is secret.
 */
public final class SessionFilterConfigurationException extends RuntimeException {
    private final List<String> problems;

    /** Lists {@code problems}, one sentence each; thrown when the filter starts. */
    public SessionFilterConfigurationException(List<String> problems) {
        super("session-filter is not configured correctly (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, one sentence per entry. */
    public List<String> problems() {
        return problems;
    }
}
