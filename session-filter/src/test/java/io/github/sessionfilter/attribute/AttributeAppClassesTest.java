package io.github.sessionfilter.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code allowAppClasses} admits the web app's own classes (WEB-INF/classes) and nothing else: not the
 * same class shipped in a WEB-INF/lib jar, and not a class some other loader defined.
 */
class AttributeAppClassesTest {

    private static final String FIXTURE = AttributeAppClassFixture.class.getName();
    private static final String FIXTURE_FILE = FIXTURE.replace('.', '/') + ".class";

    @TempDir
    Path webapp;

    private URLClassLoader classesLoader;
    private URLClassLoader jarLoader;

    @BeforeEach
    void buildWebApp() throws IOException {
        byte[] classFile;
        try (InputStream in = AttributeAppClassesTest.class.getClassLoader().getResourceAsStream(FIXTURE_FILE)) {
            classFile = in.readAllBytes();
        }
        Path classes = webapp.resolve("WEB-INF/classes");
        Path target = classes.resolve(FIXTURE_FILE);
        Files.createDirectories(target.getParent());
        Files.write(target, classFile);

        Path jar = webapp.resolve("WEB-INF/lib/library.jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(FIXTURE_FILE));
            out.write(classFile);
            out.closeEntry();
        }
        // Parent is the JDK only, so the copies are not shadowed by the test class path.
        classesLoader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        jarLoader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    @AfterEach
    void closeLoaders() throws IOException {
        classesLoader.close();
        jarLoader.close();
    }

    private static Object newFixture(ClassLoader loader, String label) throws ReflectiveOperationException {
        return loader.loadClass(FIXTURE).getConstructor(String.class).newInstance(label);
    }

    private static Object label(Object fixture) throws ReflectiveOperationException {
        return fixture.getClass().getMethod("label").invoke(fixture);
    }

    @Test
    void decode_appClassFromWebInfClasses_isAllowed() throws ReflectiveOperationException {
        AttributeCodec codec = new AttributeCodec(classesLoader, AttributePolicy.defaults());

        Object copy = codec.decode("user", codec.encode("user", newFixture(classesLoader, "alice")));

        assertSame(classesLoader.loadClass(FIXTURE), copy.getClass());
        assertEquals("alice", label(copy));
    }

    @Test
    void decode_sameClassFromWebInfLibJar_isRejected() throws ReflectiveOperationException {
        byte[] bytes = AttributeTestStreams.serialize(newFixture(jarLoader, "alice"));
        AttributeCodec codec = new AttributeCodec(jarLoader, AttributePolicy.defaults());

        AttributeDecodeException e = assertThrows(AttributeDecodeException.class, () -> codec.decode("user", bytes));

        assertEquals(AttributeDecodeException.Reason.NOT_ALLOWED, e.reason());
        assertEquals("session attribute 'user' cannot be read: class " + FIXTURE + " is not allowed", e.getMessage());
    }

    @Test
    void decode_sameClassFromWebInfLibJar_isAllowedByAPattern() throws ReflectiveOperationException {
        AttributeCodec codec = new AttributeCodec(jarLoader, AttributePolicy.builder().allow(FIXTURE).build());

        Object copy = codec.decode("user", codec.encode("user", newFixture(jarLoader, "bob")));

        assertEquals("bob", label(copy));
    }

    @Test
    void encode_classFromWebInfLibJar_isRefusedWhenStored() throws ReflectiveOperationException {
        AttributeCodec codec = new AttributeCodec(jarLoader, AttributePolicy.defaults());
        Object fixture = newFixture(jarLoader, "alice");

        assertThrows(AttributeNotAllowedException.class, () -> codec.encode("user", fixture));
    }

    @Test
    void decode_webInfClassesClassDefinedByAnotherLoader_isRejected() throws Exception {
        byte[] bytes = AttributeTestStreams.serialize(newFixture(classesLoader, "alice"));
        // Resolves the class through delegation, but did not define it: not the app loader's own class.
        try (URLClassLoader child = new URLClassLoader(new URL[0], classesLoader)) {
            AttributeCodec codec = new AttributeCodec(child, AttributePolicy.defaults());

            AttributeDecodeException e = assertThrows(AttributeDecodeException.class, () -> codec.decode("user", bytes));

            assertEquals(AttributeDecodeException.Reason.NOT_ALLOWED, e.reason());
        }
    }

    @Test
    void decode_webInfClassesClassWithAllowAppClassesOff_isRejected() throws ReflectiveOperationException {
        byte[] bytes = AttributeTestStreams.serialize(newFixture(classesLoader, "alice"));
        AttributeCodec codec = new AttributeCodec(classesLoader,
                AttributePolicy.builder().allowAppClasses(false).build());

        AttributeDecodeException e = assertThrows(AttributeDecodeException.class, () -> codec.decode("user", bytes));

        assertEquals(AttributeDecodeException.Reason.NOT_ALLOWED, e.reason());
    }

    @Test
    void decode_arrayOfAppClasses_isAllowed() throws ReflectiveOperationException {
        AttributeCodec codec = new AttributeCodec(classesLoader, AttributePolicy.defaults());
        Object[] array = (Object[]) java.lang.reflect.Array.newInstance(classesLoader.loadClass(FIXTURE), 2);
        array[0] = newFixture(classesLoader, "a");

        Object[] copy = (Object[]) codec.decode("users", codec.encode("users", array));

        assertEquals("a", label(copy[0]));
    }
}
