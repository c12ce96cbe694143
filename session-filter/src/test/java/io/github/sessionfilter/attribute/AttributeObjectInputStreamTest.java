package io.github.sessionfilter.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectStreamClass;
import org.junit.jupiter.api.Test;

class AttributeObjectInputStreamTest {

    private static final ClassLoader APP_LOADER = AttributeObjectInputStreamTest.class.getClassLoader();

    private static AttributeObjectInputStream stream(ClassLoader loader, AttributeStreamFilter filter)
            throws IOException {
        return new AttributeObjectInputStream(new ByteArrayInputStream(AttributeTestStreams.serialize("x")),
                loader, filter);
    }

    private static AttributeStreamFilter filter() {
        AttributePolicy policy = AttributePolicy.defaults();
        return new AttributeStreamFilter(new AttributeClassRules(APP_LOADER, policy), policy, null);
    }

    @Test
    void resolveProxyClass_failsWithAnIoExceptionSoTheJdkStopsReadingTheProxy() throws IOException {
        // With a ClassNotFoundException the JDK would go on reading, and instantiating, the handler.
        AttributeStreamFilter filter = filter();

        assertThrows(InvalidClassException.class,
                () -> stream(APP_LOADER, filter).resolveProxyClass(new String[] {"java.lang.Runnable"}));
        assertEquals("dynamic proxy classes are not allowed", filter.rejection());
    }

    @Test
    void resolveClass_findsPrimitiveTypesAndJdkClassesButNothingElseOutsideTheAppLoader() throws Exception {
        AttributeObjectInputStream in = stream(ClassLoader.getPlatformClassLoader(), filter());

        assertEquals(int.class, in.resolveClass(ObjectStreamClass.lookupAny(int.class)));
        assertEquals(java.sql.Timestamp.class, in.resolveClass(ObjectStreamClass.lookup(java.sql.Timestamp.class)));
        assertThrows(ClassNotFoundException.class,
                () -> in.resolveClass(ObjectStreamClass.lookup(AttributeAppClassFixture.class)));
    }

    @Test
    void constructor_installsTheFilterOnTheStream() throws IOException {
        AttributeStreamFilter filter = filter();

        assertEquals(filter, stream(APP_LOADER, filter).getObjectInputFilter());
    }
}
