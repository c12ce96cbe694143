package io.github.sessionfilter.demo.site;

import java.util.Map;

/** Form fields with their validation message underneath. */
final class Forms {
    private Forms() {
    }

    static String field(String name, String label, String type, String value, Map<String, String> errors,
            String autocomplete) {
        String error = errors.get(name);
        return "<label for=\"" + name + "\">" + Html.escape(label) + "</label>"
                + "<input type=\"" + type + "\" id=\"" + name + "\" name=\"" + name + "\" value=\""
                + Html.escape(value == null ? "" : value) + "\" autocomplete=\"" + autocomplete + "\""
                + (error == null ? "" : " aria-invalid=\"true\"") + ">"
                + (error == null ? "" : "<p class=\"error\">" + Html.escape(error) + "</p>");
    }

    /** A summary above the form, so an error is seen even on a long page. */
    static String summary(Map<String, String> errors) {
        if (errors.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<div class=\"errors\" role=\"alert\"><strong>Please correct the following:</strong><ul>");
        errors.values().forEach(message -> html.append("<li>").append(Html.escape(message)).append("</li>"));
        return html.append("</ul></div>").toString();
    }
}
