package io.github.sessionfilter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebXmlTest {
    private static WebXml parse(String xml) throws Exception {
        return WebXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void cookieNameAndListeners_areReadFromTheAppsOwnWebXml() throws Exception {
        WebXml webXml = parse("""
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <listener><listener-class>com.example.First</listener-class></listener>
                  <listener><listener-class> com.example.Second </listener-class></listener>
                  <session-config><session-timeout>45</session-timeout>
                    <cookie-config><name>JSESSIONID</name><http-only>true</http-only></cookie-config>
                  </session-config>
                </web-app>""");
        assertEquals(List.of("com.example.First", "com.example.Second"), webXml.listenerClasses());
        assertEquals("JSESSIONID", webXml.cookieName(), "an explicit name is honoured, even the container default");
    }

    @Test
    void noCookieConfig_meansNoName_soTheDefaultIsTheSameOnEveryContainer() throws Exception {
        assertNull(parse("<web-app><session-config><session-timeout>30</session-timeout></session-config></web-app>")
                .cookieName());
    }

    @Test
    void oldDoctypeWebXml_isRead_butExternalEntitiesAreNever() throws Exception {
        WebXml old = parse("""
                <?xml version="1.0"?>
                <!DOCTYPE web-app PUBLIC "-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN"
                    "http://java.sun.com/dtd/web-app_2_3.dtd">
                <web-app><listener><listener-class>legacy.Listener</listener-class></listener></web-app>""");
        assertEquals(List.of("legacy.Listener"), old.listenerClasses());
        Path secret = Files.createTempFile("webxml-entity", ".txt");
        Files.writeString(secret, "entity-content-must-not-leak");
        WebXml attack = parse("""
                <?xml version="1.0"?>
                <!DOCTYPE web-app [<!ENTITY xxe SYSTEM "%s">]>
                <web-app><session-config><cookie-config><name>x&xxe;</name></cookie-config></session-config></web-app>"""
                .formatted(secret.toUri()));
        assertFalse(String.valueOf(attack.cookieName()).contains("entity-content"), "external entity expanded");
    }
}
