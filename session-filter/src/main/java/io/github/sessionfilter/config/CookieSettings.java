package io.github.sessionfilter.config;

import io.github.sessionfilter.web.CookieSecurity;
import io.github.sessionfilter.web.SameSite;
import io.github.sessionfilter.web.SessionCookie;
import io.github.sessionfilter.token.TokenCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The validated session cookie settings. Each value comes from, in this order: the filter's own
 * setting (environment, system property, init-param), what the app configured through
 * {@code SessionCookieConfig} in code or {@code web.xml} ({@link AppCookieConfig}), the cookie name in
 * {@code web.xml}, the default.
 *
 * @param defaultName whether nobody chose the name, so that it takes a {@code __Host-}/{@code __Secure-}
 *                    prefix on Secure requests (see {@link SessionCookie})
 * @param path       the {@code Path} attribute: the app's configured path, else the context path
 * @param attributes further attributes the app configured (Servlet 6 {@code setAttribute}), e.g. {@code Partitioned}
 */
record CookieSettings(String name, boolean defaultName, SameSite sameSite, CookieSecurity security, Duration maxAge, String domain,
                      String path, Map<String, String> attributes) {

    static final String DEFAULT_NAME = "SESSION";
    private static final String APP = "the app's SessionCookieConfig (in code or web.xml <cookie-config>)";
    private static final Pattern COOKIE_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]{1,64}");
    private static final Pattern DOMAIN =
            Pattern.compile("\\.?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    /** RFC 6265 path-value: any CHAR except CTLs or ";" (and "," which some parsers split on), starting with "/". */
    private static final Pattern PATH = Pattern.compile("/[\\x21-\\x2B\\x2D-\\x3A\\x3C-\\x7E]*");
    /** An attribute name is a token; a value has no CTLs, ";" or ",". */
    private static final Pattern ATTRIBUTE_VALUE = Pattern.compile("[\\x20\\x21-\\x2B\\x2D-\\x3A\\x3C-\\x7E]*");

    CookieSettings {
        attributes = Map.copyOf(attributes);
    }

    static CookieSettings parse(SettingsParser p, FilterSettings.ContainerDefaults container) {
        AppCookieConfig app = container.appCookie();
        List<String> problems = p.problems;
        String name = p.optional(Setting.COOKIE_NAME, CookieSettings::checkName).orElseGet(() -> {
            if (app.name() != null) {
                return fromApp(problems, "name", app.name(), CookieSettings::checkName);
            }
            return container.cookieName() == null ? DEFAULT_NAME : container.cookieName();
        });
        SameSite sameSite = p.optional(Setting.COOKIE_SAME_SITE, CookieSettings::sameSite).orElseGet(() -> app.sameSite() == null
                ? SameSite.LAX : fromApp(problems, "attribute SameSite", app.sameSite(), CookieSettings::sameSite));
        CookieSecurity security = p.optional(Setting.COOKIE_SECURE,
                        t -> SettingsParser.choice(t, CookieSecurity.class, "auto, always or never"))
                .orElse(app.secure() ? CookieSecurity.ALWAYS : CookieSecurity.AUTO);
        Duration maxAge = p.optional(Setting.COOKIE_MAX_AGE, SettingsParser::positiveDuration)
                .orElse(app.maxAgeSeconds() == null ? null : Duration.ofSeconds(app.maxAgeSeconds()));
        String domain = p.optional(Setting.COOKIE_DOMAIN, CookieSettings::checkDomain)
                .orElseGet(() -> app.domain() == null ? null : fromApp(problems, "domain", app.domain(), CookieSettings::checkDomain));
        String path = app.path() == null ? contextPath(container.contextPath())
                : fromApp(problems, "path", app.path(), CookieSettings::checkPath);
        Map<String, String> attributes = new LinkedHashMap<>();
        app.attributes().forEach((attribute, value) -> {
            if (COOKIE_NAME.matcher(attribute).matches() && ATTRIBUTE_VALUE.matcher(value).matches()) {
                attributes.put(attribute, value);
            } else {
                problems.add(APP + " attribute '" + attribute + "' is not a valid cookie attribute (no ';', ',' or control characters)");
            }
        });
        if (sameSite == SameSite.NONE && security == CookieSecurity.NEVER) {
            problems.add(Setting.COOKIE_SAME_SITE.key() + " is None, which browsers accept only with Secure, but "
                    + Setting.COOKIE_SECURE.key() + " is never");
        }
        if (name != null && SessionCookie.requiresHostOnly(name) && domain != null) {
            problems.add(Setting.COOKIE_NAME.key() + " '" + name + "' starts with __Host-, which browsers accept"
                    + " only for host-only cookies, but " + Setting.COOKIE_DOMAIN.key() + " is set");
        }
        if (name != null && SessionCookie.requiresSecure(name) && security == CookieSecurity.NEVER) {
            problems.add(Setting.COOKIE_NAME.key() + " '" + name + "' has a __Host- or __Secure- prefix, which"
                    + " browsers accept only with Secure, but " + Setting.COOKIE_SECURE.key() + " is never");
        }
        boolean defaultName = p.isUnset(Setting.COOKIE_NAME) && app.name() == null
                && container.cookieName() == null;
        return new CookieSettings(name, defaultName, sameSite, security, maxAge, domain, path, attributes);
    }

    /** For the start-up log: the cookie settings whose value the app chose, as text. */
    static Map<Setting, String> appChoices(AppCookieConfig app) {
        Map<Setting, String> choices = new java.util.EnumMap<>(Setting.class);
        if (app.name() != null) {
            choices.put(Setting.COOKIE_NAME, app.name());
        }
        if (app.sameSite() != null) {
            choices.put(Setting.COOKIE_SAME_SITE, app.sameSite());
        }
        if (app.secure()) {
            choices.put(Setting.COOKIE_SECURE, "always");
        }
        if (app.maxAgeSeconds() != null) {
            choices.put(Setting.COOKIE_MAX_AGE, app.maxAgeSeconds() + "s");
        }
        if (app.domain() != null) {
            choices.put(Setting.COOKIE_DOMAIN, app.domain());
        }
        return choices;
    }

    /** The cookie for these settings, holding tokens issued and verified by {@code tokens}. */
    SessionCookie cookie(TokenCodec tokens, Clock clock) {
        return new SessionCookie(name, defaultName, sameSite, security, maxAge, domain, path, attributes, tokens, clock);
    }

    private static <T> T fromApp(List<String> problems, String what, String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            problems.add(APP + " " + what + " '" + value + "' " + e.getMessage());
            return null;
        }
    }

    /**
     * The context path as a cookie path: {@code /} for the root, and every character outside the
     * path-value grammar percent-encoded (browsers compare the path as sent, which is encoded), so
     * nothing in a context path can end the attribute and start another.
     */
    static String contextPath(String contextPath) {
        if (contextPath == null || contextPath.isEmpty()) {
            return "/";
        }
        StringBuilder path = new StringBuilder(contextPath.length() + 8);
        if (contextPath.charAt(0) != '/') {
            path.append('/');
        }
        for (byte b : contextPath.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c > 0x20 && c < 0x7F && c != ';' && c != ',') {
                path.append((char) c);
            } else {
                path.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return path.toString();
    }

    static String checkName(String text) {
        if (!COOKIE_NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("is not a valid cookie name (RFC 6265 token, at most 64 characters)");
        }
        return text;
    }

    static String checkDomain(String text) {
        if (!DOMAIN.matcher(text).matches()) {
            throw new IllegalArgumentException("is not a domain name");
        }
        return text;
    }

    private static String checkPath(String text) {
        if (!PATH.matcher(text).matches()) {
            throw new IllegalArgumentException("is not a cookie path (starts with /, no spaces, ';', ',' or control characters)");
        }
        return text;
    }

    private static SameSite sameSite(String text) {
        return SettingsParser.choice(text, SameSite.class, "Lax, Strict or None");
    }
}
