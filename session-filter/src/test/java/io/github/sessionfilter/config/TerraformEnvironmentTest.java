package io.github.sessionfilter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Terraform in {@code terraform/} names only settings the filter knows: an environment variable with
 * a typo would be ignored at start-up with no more than a warning, and the deployment would quietly run
 * on a default.
 */
class TerraformEnvironmentTest {
    private static final Path TERRAFORM = Path.of("..", "terraform");
    /** {@code SESSION_X = ...} in a map, or {@code name = "SESSION_X"} in an env block. */
    private static final Pattern SET = Pattern.compile("(?m)^\\s*(SESSION_[A-Z0-9_]+)\\s*=|name\\s*=\\s*\"(SESSION_[A-Z0-9_]+)\"");
    private static final Pattern ANY = Pattern.compile("\\bSESSION_[A-Z0-9_]+");

    @Test
    void everySessionVariableInTheTerraform_isASettingOfTheFilter() throws IOException {
        Set<String> known = Arrays.stream(Setting.values()).map(Setting::environmentVariable).collect(Collectors.toSet());
        Set<String> set = new TreeSet<>();
        Set<String> mentioned = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(TERRAFORM, "*.tf")) {
            for (Path file : files) {
                String text = Files.readString(file);
                Matcher assignment = SET.matcher(text);
                while (assignment.find()) {
                    set.add(assignment.group(1) != null ? assignment.group(1) : assignment.group(2));
                }
                Matcher any = ANY.matcher(text);
                while (any.find()) {
                    mentioned.add(any.group());
                }
            }
        }
        assertTrue(set.containsAll(Set.of("SESSION_REDIS_URI", "SESSION_JWT_KEYS", "SESSION_HEALTH_PATH")),
                "the search found what the service sets: " + set);
        assertEquals(Set.of(), set.stream().filter(v -> !known.contains(v)).collect(Collectors.toSet()),
                "set by terraform/*.tf but not a setting");
        assertEquals(Set.of(), mentioned.stream().filter(v -> !known.contains(v)).collect(Collectors.toSet()),
                "named in terraform/*.tf but not a setting");
    }
}
