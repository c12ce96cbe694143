package io.github.sessionfilter.config;

import jakarta.servlet.ServletContext;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What the application's own {@code WEB-INF/web.xml} says about sessions: declared listeners, the
 * {@code <session-config><cookie-config><name>} and the {@code <display-name>}. Read from the file rather than asked of the
 * container, because containers answer with their own defaults (Jetty reports {@code JSESSIONID}
 * when the app names no cookie, Tomcat reports nothing), and the default must be the same everywhere
 * for a session to move between a Tomcat and a Jetty instance.
 */
final class WebXml {
    private static final Logger LOG = System.getLogger(WebXml.class.getName());

    private final List<String> listenerClasses;
    private final String cookieName;
    private final String displayName;

    private WebXml(List<String> listenerClasses, String cookieName, String displayName) {
        this.listenerClasses = List.copyOf(listenerClasses);
        this.cookieName = cookieName;
        this.displayName = displayName;
    }

    static WebXml read(ServletContext context) {
        try (InputStream in = context.getResourceAsStream("/WEB-INF/web.xml")) {
            return in == null ? new WebXml(List.of(), null, null) : parse(in);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot read WEB-INF/web.xml: {0}", e.toString());
            return new WebXml(List.of(), null, null);
        }
    }

    static WebXml parse(InputStream in) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        // Old web.xml files carry a DOCTYPE: allowed, but nothing external is ever loaded.
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(in);
        List<String> listeners = new ArrayList<>();
        NodeList classes = document.getElementsByTagNameNS("*", "listener-class");
        for (int i = 0; i < classes.getLength(); i++) {
            listeners.add(classes.item(i).getTextContent().trim());
        }
        return new WebXml(listeners, cookieName(document), displayName(document));
    }

    private static String cookieName(Document document) {
        NodeList configs = document.getElementsByTagNameNS("*", "cookie-config");
        for (int i = 0; i < configs.getLength(); i++) {
            NodeList names = ((Element) configs.item(i)).getElementsByTagNameNS("*", "name");
            if (names.getLength() > 0 && !names.item(0).getTextContent().isBlank()) {
                return names.item(0).getTextContent().trim();
            }
        }
        return null;
    }

    /** The top-level {@code <display-name>}, or null. */
    private static String displayName(Document document) {
        for (org.w3c.dom.Node child = document.getDocumentElement().getFirstChild(); child != null;
                child = child.getNextSibling()) {
            if (child instanceof Element element && "display-name".equals(element.getLocalName())
                    && !element.getTextContent().isBlank()) {
                return element.getTextContent().strip();
            }
        }
        return null;
    }

    /**
     * The app's {@code <display-name>}, or null. Read from the file: Jetty answers
     * {@code getServletContextName()} with the context path when there is none, Tomcat with null.
     */
    String displayName() {
        return displayName;
    }

    /** {@code <listener-class>} entries, in declaration order. */
    List<String> listenerClasses() {
        return listenerClasses;
    }

    /** The cookie name the app declares, or null. */
    String cookieName() {
        return cookieName;
    }
}
