package io.github.sessionfilter.attribute;

import java.lang.reflect.Proxy;
import java.net.URL;
import java.security.CodeSource;
import java.util.List;

/**
 * Decides whether one class may appear in a stored attribute, for both encoding and decoding.
 * Immutable and thread-safe.
 *
 * <ol>
 *   <li>Dynamic proxy classes never.</li>
 *   <li>Arrays are judged by their element type; primitive elements are always fine, and so are
 *       {@code java.*} interfaces (an interface is never instantiated; each element is checked).</li>
 *   <li>JDK classes: never one on the never-allowed list; otherwise the built-in data types (which
 *       include the one internal class their serial forms need, {@code sun.util.calendar.ZoneInfo}), or
 *       a class named exactly by a pattern if it is in a {@code java.*} package. Other JDK classes
 *       outside {@code java.*} ({@code sun.*}, {@code jdk.*}, {@code com.sun.*}, {@code javax.*})
 *       never; since patterns cannot wildcard {@code java.*}, no wildcard ever admits a JDK class.</li>
 *   <li>Other classes: any matching pattern; or, with {@code allowAppClasses}, a class defined by the
 *       web app class loader from a {@code /WEB-INF/classes/} directory (not from a jar in
 *       {@code WEB-INF/lib}, where gadget-chain libraries live).</li>
 * </ol>
 */
final class AttributeClassRules {

    private final ClassLoader appClassLoader;
    private final List<AttributeClassPattern> patterns;
    private final boolean allowAppClasses;

    AttributeClassRules(ClassLoader appClassLoader, AttributePolicy policy) {
        this.appClassLoader = appClassLoader;
        this.patterns = policy.patterns();
        this.allowAppClasses = policy.allowAppClasses();
    }

    /**
     * Why a class is refused: the name to report (the element class of an array), whether an allow
     * pattern could admit it, and a message for logs and exceptions.
     */
    record Refusal(String className, boolean neverAllowed, String message) {
    }

    /** Returns why the class is refused, or {@code null} if it is allowed. */
    String rejection(Class<?> type) {
        Refusal refusal = refusal(type);
        return refusal == null ? null : refusal.message();
    }

    /** Returns why the class is refused, or {@code null} if it is allowed. */
    Refusal refusal(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isPrimitive()) {
            return null;
        }
        String name = element.getName();
        if (Proxy.isProxyClass(element)) {
            return new Refusal(name, true, "dynamic proxy class " + name + " is not allowed");
        }
        if (AttributeJdkTypes.isJdkClass(element)) {
            return jdkClassRefusal(name, type != element && element.isInterface());
        }
        if (matchesPattern(name) || isAppClass(element)) {
            return null;
        }
        return notAllowed(name);
    }

    private Refusal jdkClassRefusal(String name, boolean interfaceArray) {
        if (AttributeJdkTypes.isNeverAllowedName(name)) {
            return new Refusal(name, true, "class " + name + " is never allowed");
        }
        // The built-ins include the few internal classes (sun.util.calendar.ZoneInfo) that allowed
        // java.* types write; no pattern admits any other JDK class outside java.*.
        if (AttributeJdkTypes.isBuiltIn(name)) {
            return null;
        }
        if (!name.startsWith("java.")) {
            return new Refusal(name, true, "class " + name + " is never allowed");
        }
        // Arrays typed by an interface (HashMap checks Map.Entry[], varargs make Serializable[]) hold
        // no instance of it; each element is checked on its own.
        // Patterns cannot wildcard java.* (refused when the policy is built), so a match here is an exact name.
        if (interfaceArray || matchesPattern(name)) {
            return null;
        }
        return notAllowed(name);
    }

    private static Refusal notAllowed(String name) {
        return new Refusal(name, false, "class " + name + " is not allowed");
    }

    private boolean matchesPattern(String name) {
        for (AttributeClassPattern pattern : patterns) {
            if (pattern.matches(name)) {
                return true;
            }
        }
        return false;
    }

    private boolean isAppClass(Class<?> type) {
        if (!allowAppClasses || type.getClassLoader() != appClassLoader) {
            return false;
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            return false;
        }
        // Tomcat and Jetty report the WEB-INF/classes directory itself (file:, jar:...!/ or war: URLs).
        String text = location.toExternalForm();
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.endsWith("/WEB-INF/classes");
    }
}
