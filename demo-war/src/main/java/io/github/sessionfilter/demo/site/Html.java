package io.github.sessionfilter.demo.site;

/** HTML escaping. Every value that did not come from a literal in this code goes through {@link #escape}. */
final class Html {
    private Html() {
    }

    /** Safe in element content and in double- or single-quoted attribute values. */
    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
