package io.github.sessionfilter.config;

import io.github.sessionfilter.attribute.AttributeSealer;
import io.github.sessionfilter.web.SessionIdRotation;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Session id rotation, which classes attributes may hold, size and depth limits, and attribute sealing:
 * {@code session.rotate-on}, {@code session.max-bytes}, {@code attributes.*}.
 *
 * @param maxSessionBytes   largest serialized size of all attributes of one session
 * @param maxAttributeBytes largest serialized size of one attribute
 * @param maxDepth          deepest object nesting an attribute may have when read
 * @param sealer            protection of stored attribute bytes ({@link AttributeSealer#none()} when off)
 */
record ProtectionSettings(SessionIdRotation rotation, List<String> allowPatterns, long maxSessionBytes, int maxAttributeBytes,
                          int maxDepth, AttributeSealer sealer) {

    private static final String KEY_HINT = "; generate one with: openssl rand -base64 32 | tr '+/' '-_' | tr -d '='";

    static ProtectionSettings parse(SettingsParser p) {
        SessionIdRotation rotation = p.value(Setting.SESSION_ROTATE_ON, SessionIdRotation::parse);
        List<String> allow = p.optional(Setting.ATTRIBUTES_ALLOW, SettingsParser::list).orElse(List.of());
        Long maxSessionBytes = p.value(Setting.SESSION_MAX_BYTES, ByteSizeText::parse);
        Long maxAttributeBytes = p.value(Setting.ATTRIBUTES_MAX_BYTES, ByteSizeText::parse);
        Integer maxDepth = p.value(Setting.ATTRIBUTES_MAX_DEPTH,
                t -> SettingsParser.wholeNumber(t, 4, 64, "decoding time can double with every level"));
        AttributeSealer sealer = sealer(p);
        return new ProtectionSettings(rotation, allow, maxSessionBytes == null ? 0 : maxSessionBytes,
                maxAttributeBytes == null ? 0 : maxAttributeBytes.intValue(), maxDepth == null ? 0 : maxDepth, sealer);
    }

    /** The attribute sealer from the integrity or encryption key; at most one may be set. */
    private static AttributeSealer sealer(SettingsParser p) {
        Optional<String> integrity = p.source.raw(Setting.ATTRIBUTES_INTEGRITY_KEY);
        Optional<String> encryption = p.source.raw(Setting.ATTRIBUTES_ENCRYPTION_KEY);
        if (integrity.isPresent() && encryption.isPresent()) {
            p.problems.add("set either " + SettingsParser.name(Setting.ATTRIBUTES_INTEGRITY_KEY) + " or "
                    + SettingsParser.name(Setting.ATTRIBUTES_ENCRYPTION_KEY) + ", not both: AES-GCM already protects integrity");
            return null;
        }
        if (integrity.isPresent()) {
            byte[] key = secretBytes(p, Setting.ATTRIBUTES_INTEGRITY_KEY, integrity.get(), false);
            return key == null ? null : AttributeSealer.hmacSha256(key);
        }
        if (encryption.isPresent()) {
            byte[] key = secretBytes(p, Setting.ATTRIBUTES_ENCRYPTION_KEY, encryption.get(), true);
            return key == null ? null : AttributeSealer.aesGcm(key);
        }
        return AttributeSealer.none();
    }

    /** A 256-bit base64url secret: at least that long, or {@code exact}ly. */
    private static byte[] secretBytes(SettingsParser p, Setting setting, String text, boolean exact) {
        int bytes = 32;
        byte[] key;
        try {
            if (!text.matches("[A-Za-z0-9_-]+=*")) {
                throw new IllegalArgumentException();
            }
            key = Base64.getUrlDecoder().decode(text.replace("=", ""));
        } catch (IllegalArgumentException e) {
            p.problems.add(SettingsParser.name(setting) + " (value hidden) is not base64url" + KEY_HINT);
            return null;
        }
        if (exact ? key.length != bytes : key.length < bytes) {
            p.problems.add(SettingsParser.name(setting) + " (value hidden) must be " + (exact ? "exactly " : "at least ")
                    + (bytes * 8) + " bits (" + bytes + " bytes), was " + key.length + " bytes" + KEY_HINT);
            return null;
        }
        return key;
    }
}
