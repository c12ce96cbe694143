package io.github.sessionfilter.attribute;

/**
 * One entry of the attribute allow-list: a class name ({@code com.example.Cart}), a package
 * ({@code com.example.*}, that package only) or a package tree ({@code com.example.**}, the package
 * and its subpackages). An exact name does not cover nested classes: {@code com.example.Cart$Line}
 * needs its own entry or a wildcard.
 */
final class AttributeClassPattern {

    private enum Kind { CLASS, PACKAGE, PACKAGE_TREE }

    private final String text;
    private final Kind kind;
    private final String name;

    private AttributeClassPattern(String text, Kind kind, String name) {
        this.text = text;
        this.kind = kind;
        this.name = name;
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException whose message names the pattern and the rule it breaks
     */
    static AttributeClassPattern parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("allow pattern must not be null");
        }
        Kind kind = Kind.CLASS;
        String name = text;
        if (text.endsWith(".**")) {
            kind = Kind.PACKAGE_TREE;
            name = text.substring(0, text.length() - 3);
        } else if (text.endsWith(".*")) {
            kind = Kind.PACKAGE;
            name = text.substring(0, text.length() - 2);
        }
        if (!isQualifiedName(name)) {
            throw new IllegalArgumentException("allow pattern '" + text + "' is invalid: use a class name"
                    + " (com.example.Cart), a package (com.example.*) or a package tree (com.example.**)");
        }
        if (kind != Kind.CLASS && (name.equals("java") || name.startsWith("java."))) {
            throw new IllegalArgumentException("allow pattern '" + text + "' is invalid: wildcards never match"
                    + " JDK classes; name each JDK class you need, e.g. java.util.EnumMap");
        }
        if (kind == Kind.CLASS && AttributeJdkTypes.isNeverAllowedName(name)) {
            throw new IllegalArgumentException("allow pattern '" + text + "' is invalid: " + name
                    + " is never allowed (reflective, remote or known deserialization gadget type)");
        }
        return new AttributeClassPattern(text, kind, name);
    }

    /** Whether a class with this binary name (e.g. {@code com.example.Cart$Line}) matches. */
    boolean matches(String className) {
        switch (kind) {
            case CLASS:
                return className.equals(name);
            case PACKAGE:
                return packageOf(className).equals(name);
            default:
                String pkg = packageOf(className);
                return pkg.equals(name) || pkg.startsWith(name + ".");
        }
    }

    @Override
    public String toString() {
        return text;
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static boolean isQualifiedName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (String part : s.split("\\.", -1)) {
            if (!isIdentifier(part)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.codePointAt(0))) {
            return false;
        }
        return s.codePoints().allMatch(c -> Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c));
    }
}
