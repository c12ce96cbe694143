package io.github.sessionfilter.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.javax.ClassConstants.MemberRef;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The two jars of the javax build, as packaged: no class file or service file names the Jakarta namespace,
 * the container initializer is registered under its javax name, the filter is a {@code javax.servlet.Filter},
 * the classes are those of the Jakarta build, and every servlet API member they call exists in Servlet 4.0
 * (javax.servlet-api 4.0.1) except the calls the library guards.
 */
class JavaxJarsIT {
    private static final String JAKARTA = "jakarta";
    private static final String INITIALIZER_SERVICE = "META-INF/services/javax.servlet.ServletContainerInitializer";

    /**
     * Servlet 5/6 members the library calls only behind a guard, and where. Any other member missing from
     * Servlet 4.0 fails the test: it would throw {@code NoSuchMethodError} on Tomcat 9.
     */
    private static final Map<String, String> GUARDED = Map.of(
            "javax/servlet/SessionCookieConfig.getAttributes()Ljava/util/Map;",
            "io/github/sessionfilter/config/AppCookieConfig (catches LinkageError: no attributes on Servlet 4)");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"javax-jar", "javax-all-jar"})
    void noClassOrServiceFileNamesJakarta(String property) throws IOException {
        Path jar = jar(property);
        int classes = 0;
        Set<String> offenders = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                String name = entry.getName();
                if (name.endsWith(".class")) {
                    classes++;
                    for (String text : ClassConstants.read(bytes(file, entry)).utf8()) {
                        if (text.contains(JAKARTA)) {
                            offenders.add(name + ": " + text);
                        }
                    }
                } else if (name.startsWith("META-INF/services/") && !entry.isDirectory()) {
                    String content = new String(bytes(file, entry), StandardCharsets.UTF_8);
                    if (name.contains(JAKARTA) || content.contains(JAKARTA)) {
                        offenders.add(name);
                    }
                }
            }
            JarEntry service = file.getJarEntry(INITIALIZER_SERVICE);
            assertTrue(service != null, jar + " has no " + INITIALIZER_SERVICE);
            assertEquals("io.github.sessionfilter.SessionListenerInitializer",
                    new String(bytes(file, service), StandardCharsets.UTF_8).strip());
        }
        assertTrue(classes > 100, jar + " has only " + classes + " classes");
        assertTrue(offenders.isEmpty(), () -> jar + " still names " + JAKARTA + ":\n" + String.join("\n", offenders));
        System.out.println("[session-filter-javax] " + jar.getFileName() + ": " + classes
                + " class files, none naming " + JAKARTA);
    }

    /**
     * The same class files as the Jakarta build; in each, the same field and method references once the servlet
     * namespace is renamed, and no constant (name, descriptor, string literal) the Jakarta class lacks: nothing
     * else was changed. (The rewritten constant pool may drop an entry no instruction used.)
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jar", "all-jar"})
    void sameClassesAsTheJakartaBuild_onlyTheServletNamespaceDiffers(String kind) throws IOException {
        Map<String, ClassConstants> jakarta = constantsByClass(jar("jakarta-" + kind));
        Map<String, ClassConstants> javax = constantsByClass(jar("javax-" + kind));
        assertEquals(jakarta.keySet(), javax.keySet());
        int renamed = 0;
        for (Map.Entry<String, ClassConstants> entry : jakarta.entrySet()) {
            ClassConstants expected = entry.getValue();
            ClassConstants actual = javax.get(entry.getKey());
            Set<String> expectedMembers = new TreeSet<>();
            expected.members().forEach(member -> expectedMembers.add(toJavax(member.toString())));
            Set<String> actualMembers = new TreeSet<>();
            actual.members().forEach(member -> actualMembers.add(member.toString()));
            assertEquals(expectedMembers, actualMembers, entry.getKey());
            Set<String> allowed = new HashSet<>();
            for (String text : expected.utf8()) {
                allowed.add(toJavax(text));
                renamed += toJavax(text).equals(text) ? 0 : 1;
            }
            Set<String> added = new TreeSet<>(actual.utf8());
            added.removeAll(allowed);
            assertTrue(added.isEmpty(), () -> entry.getKey() + " has constants its Jakarta original lacks: " + added);
        }
        assertTrue(renamed > 100, "only " + renamed + " constants renamed");
    }

    private static String toJavax(String text) {
        return text.replace("jakarta/servlet/", "javax/servlet/").replace("jakarta.servlet.", "javax.servlet.");
    }

    @Test
    void filterAndInitializerAreJavaxTypes() throws Exception {
        try (URLClassLoader api = servletApi4();
                URLClassLoader app = new URLClassLoader(new URL[] {jar("javax-all-jar").toUri().toURL()}, api)) {
            Class<?> filter = Class.forName("io.github.sessionfilter.RedisSessionFilter", false, app);
            assertTrue(Class.forName("javax.servlet.Filter", false, api).isAssignableFrom(filter));
            Class<?> initializer = Class.forName("io.github.sessionfilter.SessionListenerInitializer", false, app);
            assertTrue(Class.forName("javax.servlet.ServletContainerInitializer", false, api).isAssignableFrom(initializer));
            assertEquals(filter.getClassLoader(), app);
        }
    }

    /** Every javax.servlet class and member the classes name exists in Servlet 4.0, except {@link #GUARDED}. */
    @Test
    void everyServletCallExistsInServlet40OrIsGuarded() throws Exception {
        Map<String, Set<String>> missing = new TreeMap<>();
        int checked = 0;
        try (URLClassLoader api = servletApi4(); JarFile file = new JarFile(jar("javax-jar").toFile())) {
            for (JarEntry entry : file.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                ClassConstants constants = ClassConstants.read(bytes(file, entry));
                String user = entry.getName().replace(".class", "");
                for (String owner : constants.classes()) {
                    String name = owner.replaceFirst("^\\[+L", "").replace(";", "");
                    if (name.startsWith("javax/servlet/") && load(api, name) == null) {
                        missing.computeIfAbsent("class " + name, k -> new TreeSet<>()).add(user);
                    }
                }
                for (MemberRef member : constants.members()) {
                    if (!member.owner().startsWith("javax/servlet/")) {
                        continue;
                    }
                    checked++;
                    Class<?> owner = load(api, member.owner());
                    if (owner == null || !exists(owner, member)) {
                        missing.computeIfAbsent(member.toString(), k -> new TreeSet<>()).add(user);
                    }
                }
            }
        }
        Map<String, Set<String>> unguarded = new LinkedHashMap<>(missing);
        unguarded.keySet().removeAll(GUARDED.keySet());
        assertTrue(unguarded.isEmpty(), () -> "Servlet 5/6-only API used without a guard (NoSuchMethodError on a "
                + "Servlet 4.0 container): " + unguarded);
        for (Map.Entry<String, String> guarded : GUARDED.entrySet()) {
            Set<String> users = missing.getOrDefault(guarded.getKey(), Set.of());
            assertTrue(users.stream().allMatch(user -> guarded.getValue().startsWith(user)),
                    () -> guarded.getKey() + " is guarded only in " + guarded.getValue() + " but called in " + users);
        }
        assertTrue(checked > 50, "only " + checked + " servlet member references found");
        System.out.println("[session-filter-javax] " + checked + " servlet API member references checked against "
                + "javax.servlet-api 4.0.1; guarded, absent from 4.0: " + missing.keySet());
    }

    private static boolean exists(Class<?> owner, MemberRef member) {
        Deque<Class<?>> types = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        types.add(owner);
        while (!types.isEmpty()) {
            Class<?> type = types.poll();
            if (!seen.add(type)) {
                continue;
            }
            if (member.descriptor().startsWith("(")) {
                for (Method method : type.getDeclaredMethods()) {
                    if (method.getName().equals(member.name()) && MethodType.methodType(method.getReturnType(),
                            method.getParameterTypes()).toMethodDescriptorString().equals(member.descriptor())) {
                        return true;
                    }
                }
                if (member.name().equals("<init>")) {
                    return type == owner && java.util.Arrays.stream(type.getDeclaredConstructors()).anyMatch(c ->
                            MethodType.methodType(void.class, c.getParameterTypes()).toMethodDescriptorString()
                                    .equals(member.descriptor()));
                }
            } else {
                for (Field field : type.getDeclaredFields()) {
                    if (field.getName().equals(member.name()) && field.getType().descriptorString().equals(member.descriptor())) {
                        return true;
                    }
                }
            }
            if (type.getSuperclass() != null) {
                types.add(type.getSuperclass());
            }
            types.addAll(java.util.List.of(type.getInterfaces()));
        }
        // Object's methods (toString, equals, ...) called on an interface type
        return member.descriptor().startsWith("(") && java.util.Arrays.stream(Object.class.getDeclaredMethods())
                .anyMatch(m -> m.getName().equals(member.name()));
    }

    private static Class<?> load(ClassLoader api, String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, api);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** javax.servlet-api 4.0.1 alone (this module's provided dependency), above the platform classes. */
    private static URLClassLoader servletApi4() throws IOException {
        URL api = javax.servlet.Filter.class.getProtectionDomain().getCodeSource().getLocation();
        assertTrue(api.toString().contains("javax.servlet-api-4.0.1"), api::toString);
        return new URLClassLoader(new URL[] {api}, ClassLoader.getPlatformClassLoader());
    }

    private static Map<String, ClassConstants> constantsByClass(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Map<String, ClassConstants> classes = new TreeMap<>();
            for (JarEntry entry : file.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                classes.put(entry.getName(), ClassConstants.read(bytes(file, entry)));
            }
            assertFalse(classes.isEmpty(), jar::toString);
            return classes;
        }
    }

    private static byte[] bytes(JarFile file, JarEntry entry) throws IOException {
        try (InputStream in = file.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static Path jar(String property) {
        String value = System.getProperty(property);
        assertTrue(value != null && !value.isBlank(), "system property " + property + " is not set (run with Maven)");
        Path jar = Path.of(value);
        assertTrue(Files.isRegularFile(jar), jar + " does not exist: ./mvnw package builds it");
        return jar;
    }
}
