package io.github.sessionfilter.attribute;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.Map;

/**
 * Reads one attribute: classes come from the web app class loader (the JDK's platform loader is the
 * only fallback, so nothing else on the container's class path is reachable), static initializers do
 * not run at resolution, dynamic proxies are refused, and {@link AttributeStreamFilter} vets every
 * class before anything is instantiated.
 */
final class AttributeObjectInputStream extends ObjectInputStream {

    private static final Map<String, Class<?>> PRIMITIVES = Map.of(
            "boolean", boolean.class, "byte", byte.class, "char", char.class, "short", short.class,
            "int", int.class, "long", long.class, "float", float.class, "double", double.class,
            "void", void.class);

    private final ClassLoader appClassLoader;
    private final AttributeStreamFilter filter;

    AttributeObjectInputStream(InputStream in, ClassLoader appClassLoader, AttributeStreamFilter filter)
            throws IOException {
        super(in);
        this.appClassLoader = appClassLoader;
        this.filter = filter;
        setObjectInputFilter(filter);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        String name = desc.getName();
        try {
            return Class.forName(name, false, appClassLoader);
        } catch (ClassNotFoundException notInApp) {
            Class<?> primitive = PRIMITIVES.get(name);
            if (primitive != null) {
                return primitive;
            }
            try {
                return Class.forName(name, false, ClassLoader.getPlatformClassLoader());
            } catch (ClassNotFoundException notInJdk) {
                throw notInApp;
            }
        }
    }

    /**
     * Always refuses. Must throw an {@link IOException}: after a {@link ClassNotFoundException} the
     * JDK keeps reading the proxy's fields and would instantiate its invocation handler.
     */
    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
        String message = "dynamic proxy classes are not allowed";
        filter.reject(AttributeDecodeException.Reason.NOT_ALLOWED, message);
        throw new InvalidClassException(message);
    }
}
