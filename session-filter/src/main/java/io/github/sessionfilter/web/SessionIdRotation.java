package io.github.sessionfilter.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * When the filter changes the session id by itself, so that an id an attacker planted or saw before
 * login is dead once the user has logged in (session fixation), without changes to the application.
 * The rotation works like {@code request.changeSessionId()}: same attributes, new id and cookie, the
 * old id gone at once on every instance, {@code HttpSessionIdListener}s called. It happens when the
 * request's session is committed, before the response is, and only for a session that existed before
 * the request (a session created in the request has an id nobody else has seen).
 */
public final class SessionIdRotation {

    /** What triggers a rotation. */
    public enum Trigger {
        /** Never rotate automatically; the application calls {@code changeSessionId()} at login. */
        NONE,
        /**
         * Rotate when {@code request.getUserPrincipal()} names a user other than the one recorded in the
         * session (the first login, or another user). For container or upstream authentication, which the
         * filter sees as the request's principal. A request without a principal changes nothing (public
         * paths often have none; logout should invalidate the session). A request that never touches the
         * session does not rotate; the next one that does, will. The default: it does what a container
         * does for its own authentication (Tomcat and Jetty change the session id at login), and costs
         * nothing for a request without a principal.
         */
        PRINCIPAL,
        /**
         * Rotate when the application sets a configured attribute (the one it sets at login, e.g.
         * {@code user}) to a value that is not {@code equals} to the previous one, or removes it. For
         * applications with their own login form.
         */
        ATTRIBUTE
    }

    /**
     * Where {@link Trigger#PRINCIPAL} records whose session it is: a hidden attribute (not listed by
     * {@code getAttributeNames}, no listener events) holding a salted SHA-256 of the principal name,
     * so the name itself is not written to Redis.
     */
    static final String PRINCIPAL_ATTRIBUTE = "io.github.sessionfilter.principal";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SessionIdRotation NEVER = new SessionIdRotation(Trigger.NONE, null);
    private static final SessionIdRotation ON_PRINCIPAL = new SessionIdRotation(Trigger.PRINCIPAL, null);

    private final Trigger trigger;
    private final String attribute;

    private SessionIdRotation(Trigger trigger, String attribute) {
        this.trigger = trigger;
        this.attribute = attribute;
    }

    /** No automatic rotation. */
    public static SessionIdRotation none() {
        return NEVER;
    }

    /** Rotation when the principal changes. */
    public static SessionIdRotation onPrincipalChange() {
        return ON_PRINCIPAL;
    }

    /** Rotation when the named attribute gets a different value. */
    public static SessionIdRotation onAttributeChange(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("needs an attribute name: attribute:<name>");
        }
        return new SessionIdRotation(Trigger.ATTRIBUTE, name);
    }

    /**
     * Parses {@code none}, {@code principal} or {@code attribute:<name>}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static SessionIdRotation parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("none")) {
            return none();
        }
        if (t.equalsIgnoreCase("principal")) {
            return onPrincipalChange();
        }
        if (t.regionMatches(true, 0, "attribute:", 0, "attribute:".length())) {
            return onAttributeChange(t.substring("attribute:".length()).trim());
        }
        throw new IllegalArgumentException("must be none, principal or attribute:<name>");
    }

    /** What triggers a rotation. */
    public Trigger trigger() {
        return trigger;
    }

    /** The attribute watched by {@link Trigger#ATTRIBUTE}; null otherwise. */
    public String attribute() {
        return attribute;
    }

    /** Whether an attribute is the filter's own bookkeeping, hidden from the application. */
    static boolean isInternal(String name) {
        return name.startsWith("io.github.sessionfilter.");
    }

    /**
     * What {@link #PRINCIPAL_ATTRIBUTE} holds for a principal name: a random salt and the SHA-256 of the
     * salt and the name, so that whoever reads Redis cannot look names up in a precomputed table.
     */
    static String fingerprint(String principalName) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return encode(salt) + "." + encode(digest(salt, principalName));
    }

    /** Whether {@code recorded} (a {@link #fingerprint}) was made from {@code principalName}. */
    static boolean isFingerprintOf(Object recorded, String principalName) {
        if (!(recorded instanceof String text) || principalName == null) {
            return false;
        }
        int dot = text.indexOf('.');
        if (dot < 0) {
            return false;
        }
        try {
            byte[] salt = Base64.getUrlDecoder().decode(text.substring(0, dot));
            byte[] expected = Base64.getUrlDecoder().decode(text.substring(dot + 1));
            return MessageDigest.isEqual(expected, digest(salt, principalName));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] digest(byte[] salt, String principalName) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(principalName.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    boolean watchesAttribute(String name) {
        return trigger == Trigger.ATTRIBUTE && attribute.equals(name);
    }

    boolean watchesPrincipal() {
        return trigger == Trigger.PRINCIPAL;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionIdRotation r && r.trigger == trigger && Objects.equals(r.attribute, attribute);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trigger, attribute);
    }

    @Override
    public String toString() {
        return switch (trigger) {
            case NONE -> "none";
            case PRINCIPAL -> "principal";
            case ATTRIBUTE -> "attribute:" + attribute;
        };
    }
}
