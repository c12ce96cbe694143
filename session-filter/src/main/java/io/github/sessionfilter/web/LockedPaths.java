package io.github.sessionfilter.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which requests take the session lock (setting {@code session.lock}): {@code off}, {@code all}, or
 * comma-separated URL patterns written as in {@code web.xml}: exact ({@code /cart/add}), path prefix
 * ({@code /cart/*}, which also matches {@code /cart}), or extension ({@code *.do}). Patterns are matched
 * against the request path inside the application (servlet path plus path info, decoded, without the
 * context path), as the container matches servlet mappings.
 */
public final class LockedPaths {
    /** No request is locked. */
    public static final LockedPaths NONE = new LockedPaths(List.of(), false, "off");
    /** Every request that uses an existing session is locked. */
    public static final LockedPaths ALL = new LockedPaths(List.of(), true, "all");

    private final List<String> exact = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> extensions = new ArrayList<>();
    private final boolean all;
    private final boolean off;
    private final String text;

    private LockedPaths(List<String> patterns, boolean all, String text) {
        this.all = all;
        this.text = text;
        for (String pattern : patterns) {
            if (pattern.equals("/*")) {
                prefixes.add("");
            } else if (pattern.endsWith("/*")) {
                prefixes.add(pattern.substring(0, pattern.length() - 2));
            } else if (pattern.startsWith("*.")) {
                extensions.add(pattern.substring(1));
            } else {
                exact.add(pattern);
            }
        }
        this.off = !all && patterns.isEmpty();
    }

    /**
     * Parses the setting. @throws IllegalArgumentException naming the first pattern that is neither
     * {@code /exact}, {@code /prefix/*} nor {@code *.ext}
     */
    public static LockedPaths parse(String text) {
        String trimmed = text.trim();
        switch (trimmed.toLowerCase(Locale.ROOT)) {
            case "off", "none", "" -> {
                return NONE;
            }
            case "all" -> {
                return ALL;
            }
            default -> {
                List<String> patterns = new ArrayList<>();
                for (String part : trimmed.split(",")) {
                    String pattern = part.trim();
                    if (pattern.isEmpty()) {
                        continue;
                    }
                    if (!isPattern(pattern)) {
                        throw new IllegalArgumentException("has '" + pattern + "', which is not a URL pattern"
                                + " (use off, all, or patterns like /cart/*, *.do, /checkout)");
                    }
                    patterns.add(pattern);
                }
                return patterns.isEmpty() ? NONE : new LockedPaths(patterns, false, String.join(",", patterns));
            }
        }
    }

    private static boolean isPattern(String pattern) {
        if (pattern.startsWith("*.")) {
            String extension = pattern.substring(2);
            return !extension.isEmpty() && !extension.contains("*") && !extension.contains("/");
        }
        if (!pattern.startsWith("/")) {
            return false;
        }
        String path = pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 2) : pattern;
        return !path.contains("*");
    }

    /** Whether this configuration never locks anything. */
    public boolean isOff() {
        return off;
    }

    /** Whether requests to this path (inside the application, starting with {@code /}) take the lock. */
    public boolean matches(String path) {
        if (all) {
            return true;
        }
        if (exact.contains(path)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot > slash) {
            String extension = path.substring(dot);
            return extensions.contains(extension);
        }
        return false;
    }

    /** Whether the request takes the lock. */
    boolean matches(HttpServletRequest request) {
        if (all || off) {
            return all;
        }
        // The decoded, normalized path the container maps to servlets, like a <url-pattern>.
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return matches(path.isEmpty() ? "/" : path);
    }

    @Override
    public String toString() {
        return text;
    }
}
