package io.github.sessionfilter;

import io.github.sessionfilter.web.SessionListeners;
import jakarta.servlet.ServletContext;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Finds the application's session listeners: {@code <listener>} entries in {@code WEB-INF/web.xml},
 * {@code @WebListener} classes reported by {@link SessionListenerInitializer}, and the
 * {@code listeners} setting. The container does not call session listeners for sessions it did not
 * create, so the filter keeps its own instances of them.
 */
final class SessionListenerDiscovery {
    private static final Logger LOG = System.getLogger(SessionListenerDiscovery.class.getName());

    private SessionListenerDiscovery() {
    }

    static SessionListeners discover(ServletContext context, List<String> configured) {
        Set<String> names = new LinkedHashSet<>(webXmlListeners(context));
        Object annotated = context.getAttribute(SessionListenerInitializer.ATTRIBUTE);
        if (annotated instanceof List<?> list) {
            list.forEach(name -> names.add(String.valueOf(name)));
        }
        names.addAll(configured);
        SessionListeners listeners = new SessionListeners();
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            try {
                Class<?> type = Class.forName(name, true, loader(context));
                if (EventListener.class.isAssignableFrom(type)) {
                    EventListener instance = instantiate(context, type.asSubclass(EventListener.class));
                    if (listeners.add(instance)) {
                        LOG.log(Level.DEBUG, "session listener {0}", name);
                    }
                }
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                if (configured.contains(name)) {
                    problems.add(Setting.LISTENERS.key() + ": cannot create '" + name + "': " + e);
                } else {
                    LOG.log(Level.WARNING, "Cannot create listener {0} for sessions: {1}", name, e.toString());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SessionFilterConfigurationException(problems);
        }
        return listeners;
    }

    private static EventListener instantiate(ServletContext context, Class<? extends EventListener> type)
            throws ReflectiveOperationException {
        try {
            return context.createListener(type);
        } catch (UnsupportedOperationException | IllegalStateException | IllegalArgumentException e) {
            // Outside initialisation some containers refuse createListener; plain construction still works.
            return type.getDeclaredConstructor().newInstance();
        } catch (Exception e) {
            return type.getDeclaredConstructor().newInstance();
        }
    }

    private static ClassLoader loader(ServletContext context) {
        ClassLoader loader = context.getClassLoader();
        return loader != null ? loader : Thread.currentThread().getContextClassLoader();
    }

    static List<String> webXmlListeners(ServletContext context) {
        List<String> names = new ArrayList<>();
        try (InputStream in = context.getResourceAsStream("/WEB-INF/web.xml")) {
            if (in == null) {
                return names;
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().parse(in);
            NodeList classes = document.getElementsByTagNameNS("*", "listener-class");
            for (int i = 0; i < classes.getLength(); i++) {
                names.add(classes.item(i).getTextContent().trim());
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot read listeners from WEB-INF/web.xml: {0}", e.toString());
        }
        return names;
    }
}
