package io.github.sessionfilter.containers;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * The {@code examples} web app of the Apache Tomcat distribution: a WAR nobody here wrote, built without
 * session-filter, whose JSPs keep mutable beans in the session. Copies of it get session-filter exactly as
 * README.md ("Add it to an existing WAR") tells a user: the {@code -all} jar from {@code session-filter/target/}
 * into {@code WEB-INF/lib}, and the README's own {@code web.xml} snippet (read from README.md, not copied
 * here) declared first.
 */
final class ExamplesApp {
    private static final Pattern SECTION = Pattern.compile("(?s)## Add it to an existing WAR\\R(.*?)(?=\\R## )");
    private static final Pattern XML_BLOCK = Pattern.compile("(?s)```xml\\R(.*?)\\R\\s*```");
    private static final Pattern ALL_JAR_NAME = Pattern.compile("session-filter-[0-9][^/]*-all\\.jar");
    private static final Pattern JAVAX_ALL_JAR_NAME = Pattern.compile("session-filter-javax-[0-9][^/]*-all\\.jar");

    private ExamplesApp() {
    }

    /** The distribution's own, untouched copy. */
    static Path original() {
        return original(TomcatServer.home());
    }

    /** The untouched copy in the Tomcat distribution {@code home} (Tomcat 9's is javax.servlet). */
    static Path original(Path home) {
        Path examples = home.resolve("webapps/examples");
        if (!Files.isRegularFile(examples.resolve("WEB-INF/web.xml"))) {
            throw new IllegalStateException("no examples web app in the Tomcat distribution at " + examples);
        }
        return examples;
    }

    /** README steps 1 and 2: the jar in WEB-INF/lib and the filter declared first in web.xml. */
    static Path withFilterInWebXml(Path target) {
        return dropIn(original(), target);
    }

    /**
     * README steps 1 and 2 on any unpacked web app {@code source} (left untouched): a copy in {@code target} with
     * the jar in {@code WEB-INF/lib} and the README's snippet declared first in its {@code web.xml}.
     */
    static Path dropIn(Path source, Path target) {
        return dropIn(source, target, allJar());
    }

    /** {@link #dropIn(Path, Path)} with another jar: {@link #javaxAllJar()} for a javax.servlet web app. */
    static Path dropIn(Path source, Path target, Path jar) {
        Path app = copyWithJar(source, target, jar);
        Path webXml = app.resolve("WEB-INF/web.xml");
        try {
            String original = Files.readString(webXml, StandardCharsets.UTF_8);
            String patched = declareFirst(original, readmeSnippet());
            Files.writeString(webXml, patched, StandardCharsets.UTF_8);
            checkFilterComesFirst(patched, webXml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot patch " + webXml, e);
        }
        return app;
    }

    /** README step 1 only: the optional self-registration, web.xml untouched. */
    static Path withJarOnly(Path target) {
        return copyWithJar(original(), target, allJar());
    }

    /** README step 1 only on any unpacked web app {@code source} (left untouched): the filter registers itself. */
    static Path dropInJarOnly(Path source, Path target) {
        return copyWithJar(source, target, allJar());
    }

    /** README step 1 only with another jar ({@link #javaxAllJar()}): the filter registers itself. */
    static Path dropInJarOnly(Path source, Path target, Path jar) {
        return copyWithJar(source, target, jar);
    }

    /** The first {@code xml} code block of README.md's "Add it to an existing WAR" section, unindented. */
    static String readmeSnippet() throws IOException {
        Path readme = FileTree.required("container-tests.readme", "README.md at the repository root");
        Matcher section = SECTION.matcher(Files.readString(readme, StandardCharsets.UTF_8));
        if (!section.find()) {
            throw new IllegalStateException(readme + " has no section \"## Add it to an existing WAR\"");
        }
        Matcher block = XML_BLOCK.matcher(section.group(1));
        if (!block.find()) {
            throw new IllegalStateException("the \"Add it to an existing WAR\" section of " + readme + " has no ```xml block");
        }
        return block.group(1).stripIndent().strip() + "\n";
    }

    /** The jar README step 1 names: {@code session-filter-<version>-all.jar} from {@code session-filter/target/}. */
    static Path allJar() {
        Path jar = FileTree.required("container-tests.all-jar",
                "build it first: ./mvnw -q -DskipTests package (README: \"from session-filter/target/\")");
        if (!ALL_JAR_NAME.matcher(jar.getFileName().toString()).matches()) {
            throw new IllegalStateException(jar + " is not named session-filter-<version>-all.jar as README.md says");
        }
        return jar;
    }

    /**
     * The jar README names for javax.servlet containers: {@code session-filter-javax-<version>-all.jar} from
     * {@code session-filter-javax/target/}.
     */
    static Path javaxAllJar() {
        Path jar = FileTree.required("container-tests.javax-all-jar",
                "build it first: ./mvnw -q -DskipTests package (README: \"from session-filter-javax/target/\")");
        if (!JAVAX_ALL_JAR_NAME.matcher(jar.getFileName().toString()).matches()) {
            throw new IllegalStateException(jar + " is not named session-filter-javax-<version>-all.jar as README.md says");
        }
        return jar;
    }

    private static Path copyWithJar(Path source, Path target, Path jar) {
        FileTree.delete(target);
        FileTree.copy(source, target);
        try {
            Files.createDirectories(target.resolve("WEB-INF/lib"));
            Files.copy(jar, target.resolve("WEB-INF/lib").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + jar, e);
        }
        return target;
    }

    /** Inserts the snippet where a user following "declare the filter first" would: before the first filter. */
    static String declareFirst(String webXml, String snippet) {
        int at = firstElementOutsideComments(webXml, "<filter>");
        if (at < 0) {
            at = firstElementOutsideComments(webXml, "<filter-mapping>");
        }
        if (at < 0) {
            at = webXml.lastIndexOf("</web-app>");
        }
        return webXml.substring(0, at) + snippet + webXml.substring(at);
    }

    private static int firstElementOutsideComments(String xml, String tag) {
        int from = 0;
        while (true) {
            int at = xml.indexOf(tag, from);
            if (at < 0) {
                return -1;
            }
            int commentStart = xml.lastIndexOf("<!--", at);
            int commentEnd = commentStart < 0 ? -1 : xml.indexOf("-->", commentStart);
            if (commentStart < 0 || commentEnd < at) {
                return at;
            }
            from = commentEnd;
        }
    }

    /** The patched descriptor must still parse, and the first filter mapping must be session-filter's. */
    private static void checkFilterComesFirst(String webXml, Path file) {
        String first;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(webXml)));
            Element mapping = (Element) document.getElementsByTagNameNS("*", "filter-mapping").item(0);
            first = mapping.getElementsByTagNameNS("*", "filter-name").item(0).getTextContent().strip();
        } catch (Exception e) {
            throw new IllegalStateException("patched " + file + " is not a valid descriptor: " + e.getMessage(), e);
        }
        if (!first.equals("sessionFilter")) {
            throw new IllegalStateException("the first filter mapping in " + file + " is " + first + ", not sessionFilter");
        }
    }
}
