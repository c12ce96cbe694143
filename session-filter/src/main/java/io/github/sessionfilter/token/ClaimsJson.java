package io.github.sessionfilter.token;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Parses the claims of a token whose signature has already been checked. Our own claims are one flat
 * object of plain strings and integers, read here in one pass without the 32 KB of buffers jose4j's
 * general parser allocates per call; anything else (escapes, decimals, arrays, nested objects) goes to
 * jose4j's parser, so both accept and reject exactly the same documents. Duplicate member names are
 * refused either way, so a payload cannot say one thing to us and another to a different parser.
 * Values are what jose4j gives: {@code String}, {@code Long}, {@code Boolean}, null (and from jose4j also
 * {@code Double}, lists, maps).
 */
final class ClaimsJson {
    private static final int MAX_INTEGER_DIGITS = 18; // always fits in a long

    private final String json;
    private int at;

    private ClaimsJson(String json) {
        this.json = json;
    }

    static Map<String, Object> parse(String json) throws TokenRejectedException {
        Optional<Map<String, Object>> flat;
        try {
            flat = new ClaimsJson(json).flatObject();
        } catch (DuplicateMember e) {
            throw new TokenRejectedException("payload has a duplicate member");
        }
        if (flat.isPresent()) {
            return flat.get();
        }
        try {
            return JsonUtil.parseJson(json);
        } catch (JoseException | RuntimeException e) { // e's message may hold the JSON: never log it
            throw new TokenRejectedException("payload is not a JSON object");
        }
    }

    /** The object, or empty if it is not one flat object of strings without escapes, integers, booleans and nulls. */
    private Optional<Map<String, Object>> flatObject() throws DuplicateMember {
        Map<String, Object> members = new HashMap<>(16);
        skipWhitespace();
        if (!take('{')) {
            return Optional.empty();
        }
        skipWhitespace();
        if (!take('}')) {
            do {
                skipWhitespace();
                String name = string();
                skipWhitespace();
                if (name == null || !take(':')) {
                    return Optional.empty();
                }
                skipWhitespace();
                Object value = value();
                if (value == this) {
                    return Optional.empty();
                }
                if (members.containsKey(name)) {
                    throw new DuplicateMember();
                }
                members.put(name, value);
                skipWhitespace();
            } while (take(','));
            if (!take('}')) {
                return Optional.empty();
            }
        }
        skipWhitespace();
        return at == json.length() ? Optional.of(members) : Optional.empty();
    }

    /** A string, an integer, a boolean or null; {@code this} for anything else. */
    private Object value() {
        if (at >= json.length()) {
            return this;
        }
        char c = json.charAt(at);
        if (c == '"') {
            String s = string();
            return s == null ? this : s;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return integer();
        }
        if (json.startsWith("true", at)) {
            at += 4;
            return Boolean.TRUE;
        }
        if (json.startsWith("false", at)) {
            at += 5;
            return Boolean.FALSE;
        }
        if (json.startsWith("null", at)) {
            at += 4;
            return null;
        }
        return this;
    }

    /** A string without escapes or control characters, or null. */
    private String string() {
        if (!take('"')) {
            return null;
        }
        int start = at;
        while (at < json.length()) {
            char c = json.charAt(at);
            if (c == '"') {
                return json.substring(start, at++);
            }
            if (c == '\\' || c < 0x20) {
                return null;
            }
            at++;
        }
        return null;
    }

    /** -?(0|[1-9][0-9]*) of at most 18 digits and not followed by a fraction or exponent, or {@code this}. */
    private Object integer() {
        int start = at;
        take('-');
        int digitsStart = at;
        while (at < json.length() && json.charAt(at) >= '0' && json.charAt(at) <= '9') {
            at++;
        }
        int digits = at - digitsStart;
        if (digits == 0 || digits > MAX_INTEGER_DIGITS || (digits > 1 && json.charAt(digitsStart) == '0')) {
            return this;
        }
        if (at < json.length()) {
            char next = json.charAt(at);
            if (next == '.' || next == 'e' || next == 'E') {
                return this;
            }
        }
        return Long.parseLong(json, start, at, 10);
    }

    private boolean take(char c) {
        if (at < json.length() && json.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (at < json.length()) {
            char c = json.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private static final class DuplicateMember extends Exception {
        private static final long serialVersionUID = 1L;

        DuplicateMember() {
            super(null, null, false, false);
        }
    }
}
