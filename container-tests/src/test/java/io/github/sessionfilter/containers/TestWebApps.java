package io.github.sessionfilter.containers;

import io.github.sessionfilter.containers.jakartaapp.JakartaSessionServlet;
import io.github.sessionfilter.containers.legacyapp.LegacySessionEvents;
import io.github.sessionfilter.containers.legacyapp.LegacySessionServlet;
import io.github.sessionfilter.containers.shared.Basket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The two small test apps of the javax tests, unpacked, with session-filter added as README.md says (the {@code -all}
 * jar in {@code WEB-INF/lib}, README's {@code web.xml} snippet declared first):
 * <ul>
 *   <li>{@link #legacy}: a Servlet 4.0 app ({@code javax.servlet}, web.xml in the Java EE 8 namespace) with
 *       {@link LegacySessionServlet}, the session listeners {@link LegacySessionEvents} in web.xml, and the
 *       javax jar;</li>
 *   <li>{@link #jakarta}: its Servlet 6 twin with {@link JakartaSessionServlet} and the Jakarta jar.</li>
 * </ul>
 * Both carry {@link Basket}, one class file without any servlet type, so each app reads what the other wrote.
 */
final class TestWebApps {
    private TestWebApps() {
    }

    static Path legacy(Path target) {
        String webXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://xmlns.jcp.org/xml/ns/javaee http://xmlns.jcp.org/xml/ns/javaee/web-app_4_0.xsd"
                         version="4.0" metadata-complete="true">
                  <listener><listener-class>%s</listener-class></listener>
                  <servlet><servlet-name>s</servlet-name><servlet-class>%s</servlet-class></servlet>
                  <servlet-mapping><servlet-name>s</servlet-name><url-pattern>/s</url-pattern></servlet-mapping>
                </web-app>
                """.formatted(LegacySessionEvents.class.getName(), LegacySessionServlet.class.getName());
        return build(target, ExamplesApp.javaxAllJar(), webXml,
                List.of(LegacySessionServlet.class, LegacySessionEvents.class, Basket.class));
    }

    static Path jakarta(Path target) {
        String webXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="true">
                  <servlet><servlet-name>s</servlet-name><servlet-class>%s</servlet-class></servlet>
                  <servlet-mapping><servlet-name>s</servlet-name><url-pattern>/s</url-pattern></servlet-mapping>
                </web-app>
                """.formatted(JakartaSessionServlet.class.getName());
        return build(target, ExamplesApp.allJar(), webXml, List.of(JakartaSessionServlet.class, Basket.class));
    }

    private static Path build(Path target, Path jar, String webXml, List<Class<?>> classes) {
        FileTree.delete(target);
        try {
            Path webInf = target.resolve("WEB-INF");
            for (Class<?> type : classes) {
                Path copy = webInf.resolve("classes").resolve(type.getName().replace('.', '/') + ".class");
                Files.createDirectories(copy.getParent());
                Files.copy(classFile(type), copy);
            }
            Path lib = Files.createDirectories(webInf.resolve("lib"));
            Files.copy(jar, lib.resolve(jar.getFileName()));
            Files.writeString(webInf.resolve("web.xml"), ExamplesApp.declareFirst(webXml, ExamplesApp.readmeSnippet()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the test app in " + target, e);
        }
        return target;
    }

    private static Path classFile(Class<?> type) {
        try {
            Path root = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return root.resolve(type.getName().replace('.', '/') + ".class");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
