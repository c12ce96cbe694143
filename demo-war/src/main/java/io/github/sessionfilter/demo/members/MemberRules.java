package io.github.sessionfilter.demo.members;

import java.util.Locale;
import java.util.regex.Pattern;

/** What makes a user name, display name or password acceptable. Each check returns a message, or null when fine. */
public final class MemberRules {
    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final int MAX_PASSWORD_LENGTH = 200;
    private static final int MAX_DISPLAY_NAME_LENGTH = 60;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,30}");

    private MemberRules() {
    }

    /** User names are case-insensitive: stored and looked up in lower case. */
    public static String normalizeUsername(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }

    public static String checkUsername(String username) {
        if (username.isEmpty()) {
            return "Choose a user name.";
        }
        if (!USERNAME.matcher(username).matches()) {
            return "A user name has 3 to 30 characters: letters a–z, digits, dot, dash or underscore.";
        }
        return null;
    }

    public static String checkDisplayName(String displayName) {
        if (displayName.isEmpty()) {
            return "Enter a display name.";
        }
        if (displayName.codePointCount(0, displayName.length()) > MAX_DISPLAY_NAME_LENGTH) {
            return "A display name has at most " + MAX_DISPLAY_NAME_LENGTH + " characters.";
        }
        if (displayName.codePoints().anyMatch(Character::isISOControl)) {
            return "A display name cannot contain control characters.";
        }
        return null;
    }

    public static String checkPassword(String password, String username) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            return "A password has at least " + MIN_PASSWORD_LENGTH + " characters.";
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            return "A password has at most " + MAX_PASSWORD_LENGTH + " characters.";
        }
        if (password.equalsIgnoreCase(username)) {
            return "The password must not be your user name.";
        }
        return null;
    }
}
