package io.github.sessionfilter.config;

/**
 * The validated settings for operating the filter: the health path a platform's startup or readiness
 * probe asks.
 *
 * @param healthPath the path within the app that the filter answers with the store's health; null when off
 */
record ObservabilitySettings(String healthPath) {

    static ObservabilitySettings parse(SettingsParser p) {
        return new ObservabilitySettings(p.optional(Setting.HEALTH_PATH, ObservabilitySettings::healthPath).orElse(null));
    }

    /**
     * A path as the servlet API reports it ({@code getServletPath() + getPathInfo()}): starts with a slash,
     * is not the root (that would hide the app's home page), and has nothing a request path cannot
     * match literally (query, fragment, path parameters, wildcards, blanks).
     */
    static String healthPath(String text) {
        String path = text.trim();
        if (!path.startsWith("/") || path.length() < 2) {
            throw new IllegalArgumentException("must be a path within the app such as /session-filter/health (not /)");
        }
        for (char c : path.toCharArray()) {
            if (c <= ' ' || c == 0x7f || c == '?' || c == '#' || c == ';' || c == '*' || c == '%') {
                throw new IllegalArgumentException("must be a plain path: no blanks, control characters, ?, #, ;, * or %");
            }
        }
        return path;
    }
}
