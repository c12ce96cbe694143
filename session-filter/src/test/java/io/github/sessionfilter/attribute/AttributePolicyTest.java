package io.github.sessionfilter.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttributePolicyTest {

    @Test
    void defaults_allowAppClassesWithDocumentedLimitsAndNoPatterns() {
        AttributePolicy policy = AttributePolicy.defaults();

        assertTrue(policy.allowAppClasses());
        assertEquals(List.of(), policy.allowPatterns());
        assertEquals(1024 * 1024, policy.maxBytesPerAttribute());
        assertEquals(20, policy.maxDepth());
        assertEquals(100_000, policy.maxReferences());
        assertEquals(1_000_000, policy.maxArrayLength());
    }

    @Test
    void build_keepsSettingsAndIsNotChangedByLaterBuilderCalls() {
        List<String> patterns = new ArrayList<>(List.of("com.example.Cart", "com.example.model.*"));
        AttributePolicy.Builder builder = AttributePolicy.builder().allowPatterns(patterns).allow("org.shop.**")
                .allowAppClasses(false).maxBytesPerAttribute(10).maxDepth(11).maxReferences(12).maxArrayLength(13);

        AttributePolicy policy = builder.build();
        patterns.add("com.evil.*");
        builder.allow("com.evil.**");

        assertEquals(List.of("com.example.Cart", "com.example.model.*", "org.shop.**"), policy.allowPatterns());
        assertFalse(policy.allowAppClasses());
        assertEquals(10, policy.maxBytesPerAttribute());
        assertEquals(11, policy.maxDepth());
        assertEquals(12, policy.maxReferences());
        assertEquals(13, policy.maxArrayLength());
        assertThrows(UnsupportedOperationException.class, () -> policy.allowPatterns().add("x.Y"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*", "**", ".*", "com.", ".com", "com..Cart", "com.*.Cart", "com.example.***",
        "com.ex ample.Cart", " com.example.Cart", "com.example.Cart ", "com/example/Cart", "1com.Cart",
        "com.example.Cart;", "com.example.*.*", "com.exa\u0000mple.Cart"})
    void build_malformedPattern_isRejectedNamingThePattern(String pattern) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttributePolicy.builder().allow(pattern).build());

        assertTrue(e.getMessage().contains("allow pattern '" + pattern + "' is invalid"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.*", "java.**", "java.util.*", "java.util.**"})
    void build_wildcardOverJavaPackages_isRejectedBecauseItCouldNeverMatch(String pattern) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttributePolicy.builder().allow(pattern).build());

        assertTrue(e.getMessage().contains("'" + pattern + "' is invalid: wildcards never match JDK classes"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.net.URL", "java.lang.reflect.Method", "java.lang.invoke.SerializedLambda",
        "java.rmi.MarshalledObject", "javax.management.BadAttributeValueExpException", "java.beans.EventHandler",
        "javax.naming.Reference"})
    void build_exactPatternForNeverAllowedClass_isRejected(String pattern) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttributePolicy.builder().allow(pattern).build());

        assertTrue(e.getMessage().contains(pattern + " is never allowed"), e.getMessage());
    }

    @Test
    void build_nullPattern_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttributePolicy.builder().allowPatterns(java.util.Arrays.asList((String) null)).build());

        assertTrue(e.getMessage().contains("allow pattern must not be null"), e.getMessage());
    }

    @Test
    void build_everyProblemIsReportedInOneException() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttributePolicy.builder()
                .allow("com..bad", "good.Pattern", "also bad").maxBytesPerAttribute(0).maxDepth(-1)
                .maxReferences(0).maxArrayLength(-5).build());

        assertEquals("invalid attribute policy: "
                + "allow pattern 'com..bad' is invalid: use a class name (com.example.Cart), a package"
                + " (com.example.*) or a package tree (com.example.**); "
                + "allow pattern 'also bad' is invalid: use a class name (com.example.Cart), a package"
                + " (com.example.*) or a package tree (com.example.**); "
                + "maxBytesPerAttribute must be positive, was 0; maxDepth must be positive, was -1; "
                + "maxReferences must be positive, was 0; maxArrayLength must be positive, was -5", e.getMessage());
    }

    @Test
    void exactPattern_matchesOnlyThatClass() {
        AttributeClassPattern pattern = AttributeClassPattern.parse("com.example.Cart");

        assertTrue(pattern.matches("com.example.Cart"));
        assertFalse(pattern.matches("com.example.Cart$Line"));
        assertFalse(pattern.matches("com.example.CartX"));
        assertFalse(pattern.matches("com.example.Cart.Sub"));
    }

    @Test
    void packagePattern_matchesClassesOfThatPackageOnly() {
        AttributeClassPattern pattern = AttributeClassPattern.parse("com.example.*");

        assertTrue(pattern.matches("com.example.Cart"));
        assertTrue(pattern.matches("com.example.Cart$Line"));
        assertFalse(pattern.matches("com.example.sub.Item"));
        assertFalse(pattern.matches("com.examplex.Cart"));
        assertFalse(pattern.matches("com.Cart"));
    }

    @Test
    void packageTreePattern_matchesPackageAndSubpackagesOnly() {
        AttributeClassPattern pattern = AttributeClassPattern.parse("com.example.**");

        assertTrue(pattern.matches("com.example.Cart"));
        assertTrue(pattern.matches("com.example.sub.deep.Item$Inner"));
        assertFalse(pattern.matches("com.exampleother.Cart"));
        assertFalse(pattern.matches("com.Cart"));
    }

    @Test
    void toString_showsEverySetting() {
        assertEquals("AttributePolicy[allowPatterns=[a.B], allowAppClasses=true, maxBytesPerAttribute=1048576,"
                + " maxDepth=20, maxReferences=100000, maxArrayLength=1000000]",
                AttributePolicy.builder().allow("a.B").build().toString());
    }
}
