package io.github.sessionfilter.config;

import io.github.sessionfilter.token.SigningKeys;
import io.github.sessionfilter.token.TokenAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The session token: {@code jwt.*}. */
record TokenSettings(SigningKeys keys, TokenAlgorithm algorithm, String issuer, String audience) {

    static TokenSettings parse(SettingsParser p, FilterSettings.ContainerDefaults container) {
        TokenAlgorithm algorithm = p.value(Setting.JWT_ALGORITHM, TokenAlgorithm::parse);
        SigningKeys keys = keys(p, algorithm == null ? TokenAlgorithm.HS256 : algorithm);
        String issuer = p.value(Setting.JWT_ISSUER, t -> t);
        String audience = p.optional(Setting.JWT_AUDIENCE, t -> t).orElseGet(container::defaultAudience);
        return new TokenSettings(keys, algorithm, issuer, audience);
    }

    /** {@code jwt.keys} or the file {@code jwt.keys.file} names, exactly one of them. */
    private static SigningKeys keys(SettingsParser p, TokenAlgorithm algorithm) {
        Optional<String> inline = p.source.raw(Setting.JWT_KEYS);
        Optional<String> file = p.source.raw(Setting.JWT_KEYS_FILE);
        String keys = SettingsParser.name(Setting.JWT_KEYS);
        String keysFile = SettingsParser.name(Setting.JWT_KEYS_FILE);
        if (inline.isPresent() && file.isPresent()) {
            p.problems.add("set either " + keys + " or " + keysFile + ", not both");
            return null;
        }
        if (inline.isEmpty() && file.isEmpty()) {
            p.problems.add(keys + " (or " + keysFile + ") is required but not set;"
                    + " generate a key with: openssl rand -base64 32 | tr '+/' '-_' | tr -d '='");
            return null;
        }
        String text;
        if (inline.isPresent()) {
            text = inline.get();
        } else {
            try {
                text = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).trim();
            } catch (IOException | RuntimeException e) {
                p.problems.add(keysFile + " cannot be read: '" + file.get() + "' (" + e.getClass().getSimpleName() + ")");
                return null;
            }
        }
        try {
            return SigningKeys.parse(text, algorithm);
        } catch (IllegalArgumentException e) {
            p.problems.add((inline.isPresent() ? keys : keysFile) + ": " + e.getMessage());
            return null;
        }
    }
}
