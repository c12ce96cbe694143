package io.github.sessionfilter.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person in a real browser (headless Chromium) uses the demo across two instances of the WAR, A on Tomcat
 * and B on Jetty, both at 127.0.0.1 (browsers keep cookies per host, not per port, so this is one site behind
 * a load balancer): registers and logs in on A, fills the cart on A, continues on B, logs out on B, and
 * finds the cart gone on both. Screenshots of the key pages go to {@code target/screenshots}, and with
 * {@code -Dupdate.screenshots=true} to {@code docs/screenshots}, which the README shows.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BrowserIT {
    private static final String SENCHA = "Sencha green tea, 100 g";
    private static final String MUG = "Enamel club mug";

    @RegisterExtension
    static final ContainerLogsOnFailure LOGS = new ContainerLogsOnFailure();

    private static DemoWarOnTomcatAndJetty containers;
    private static HeadlessChromium chromium;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        // A machine with only a JDK and Maven has no browser: say so and skip. CI installs Chromium and
        // fails on any skipped test, so there the browser test always runs.
        Assumptions.assumeTrue(HeadlessChromium.installed(),
                "BrowserIT skipped: no Chromium/chromedriver; " + HeadlessChromium.INSTALL_HINT);
        work = FileTree.workDirectory("browser");
        containers = DemoWarOnTomcatAndJetty.start("browser-containers", LOGS);
        chromium = HeadlessChromium.start(work);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (containers != null) {
                containers.close();
            }
        }
    }

    @Test
    void registerLogInShopOnTwoInstancesLogOut() {
        ChromeDriver browser = chromium.driver();
        String a = containers.tomcat().base();
        String b = containers.jetty().base();
        String username = "browser" + UUID.randomUUID().toString().substring(0, 6);
        String password = "steeped for three minutes";
        try {
            // Register on A; the form sends us to the login page, which welcomes the new member.
            browser.get(a + "/register");
            type(browser, "username", username);
            type(browser, "displayName", "Ada Lovelace");
            type(browser, "password", password);
            type(browser, "confirm", password);
            submit(browser, a + "/login");
            assertTrue(flash(browser).startsWith("Welcome to the club, Ada Lovelace!"), flash(browser));
            type(browser, "username", username);
            type(browser, "password", password);
            screenshot("01-login.png");
            String anonymousCookie = sessionCookie(browser).getValue();
            submit(browser, a + "/profile");
            assertEquals("Welcome back, Ada Lovelace.", flash(browser));
            assertTrue(!anonymousCookie.equals(sessionCookie(browser).getValue()), "a new session cookie at login");

            // Fill the cart on A.
            addFromShop(browser, a, SENCHA);
            addFromShop(browser, a, SENCHA);
            addFromShop(browser, a, MUG);
            assertEquals("Cart (3)", cartLink(browser));
            assertServedBy(browser, containers.tomcat());
            screenshot("02-cart-on-a.png");

            // Continue on B: same cart, other instance; change it there.
            browser.get(b + "/cart");
            assertEquals("Cart (3)", cartLink(browser));
            assertServedBy(browser, containers.jetty());
            browser.findElement(By.xpath("//tr[td[normalize-space()='" + SENCHA + "']]//button[normalize-space()='+1']"))
                    .click();
            awaitFlash(browser, "Added " + SENCHA + " to your cart.");
            assertEquals(b + "/cart", browser.getCurrentUrl());
            assertEquals("Cart (4)", cartLink(browser));
            assertEquals("3", cell(browser, SENCHA, 3));
            assertServedBy(browser, containers.jetty());
            screenshot("03-cart-on-b.png");

            // The session page on B: same session as on A, served by B.
            browser.get(a + "/session");
            String idOnA = definition(browser, "Session id");
            browser.get(b + "/session");
            assertEquals(idOnA, definition(browser, "Session id"));
            assertEquals("cart, csrfToken, member", definition(browser, "Attributes"));
            assertTrue(definition(browser, "Served by").endsWith(":" + containers.jetty().port()));
            screenshot("04-session-on-b.png");

            // Log out on B: logged out, cart gone, on both instances.
            browser.findElement(By.xpath("//nav//button[normalize-space()='Log out']")).click();
            awaitFlash(browser, "You have been logged out.");
            assertEquals("Cart (0)", cartLink(browser));
            screenshot("05-logged-out.png");
            for (ContainerProcess instance : new ContainerProcess[] {containers.tomcat(), containers.jetty()}) {
                browser.get(instance.base() + "/cart");
                assertServedBy(browser, instance);
                assertEquals("Cart (0)", cartLink(browser));
                assertTrue(browser.findElement(By.tagName("main")).getText().contains("Your cart is empty."));
                assertTrue(!browser.findElements(By.xpath("//nav/a[normalize-space()='Log in']")).isEmpty(),
                        "logged out on " + instance.name());
            }
            assertNull(browser.manage().getCookieNamed("JSESSIONID"), "the containers never made sessions of their own");
        } catch (RuntimeException | AssertionError e) {
            chromium.screenshot(work.resolve("failure.png"));
            System.out.println("[container-tests] browser at " + browser.getCurrentUrl() + " (screenshot "
                    + work.resolve("failure.png") + "):\n" + browser.getPageSource());
            throw e;
        }
    }

    private static void type(ChromeDriver browser, String field, String text) {
        WebElement input = browser.findElement(By.id(field));
        input.clear();
        input.sendKeys(text);
    }

    /** Submits the page's main form and waits for the post-redirect-get to land on {@code expectedUrl}. */
    private static void submit(ChromeDriver browser, String expectedUrl) {
        browser.findElement(By.cssSelector("main form button")).click();
        waitFor(browser).until(ExpectedConditions.urlToBe(expectedUrl));
    }

    private static void addFromShop(ChromeDriver browser, String base, String product) {
        browser.get(base + "/");
        browser.findElement(By.xpath("//tr[td[normalize-space()='" + product + "']]//button")).click();
        awaitFlash(browser, "Added " + product + " to your cart.");
    }

    private static void awaitFlash(ChromeDriver browser, String text) {
        waitFor(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.flash"), text));
    }

    private static String flash(ChromeDriver browser) {
        return browser.findElement(By.cssSelector("p.flash")).getText();
    }

    private static String cartLink(ChromeDriver browser) {
        return browser.findElement(By.xpath("//nav/a[starts-with(normalize-space(), 'Cart')]")).getText();
    }

    private static String cell(ChromeDriver browser, String product, int column) {
        return browser.findElement(By.xpath("//tr[td[normalize-space()='" + product + "']]/td[" + column + "]")).getText();
    }

    private static String definition(ChromeDriver browser, String term) {
        return browser.findElement(By.xpath("//dt[normalize-space()='" + term + "']/following-sibling::dd[1]")).getText();
    }

    private static Cookie sessionCookie(ChromeDriver browser) {
        Cookie cookie = browser.manage().getCookieNamed("SESSION");
        assertNotNull(cookie, () -> "no SESSION cookie: " + browser.manage().getCookies());
        assertTrue(cookie.isHttpOnly(), "HttpOnly");
        assertEquals("Lax", cookie.getSameSite());
        return cookie;
    }

    private static void assertServedBy(ChromeDriver browser, ContainerProcess instance) {
        String footer = browser.findElement(By.cssSelector("footer strong")).getText();
        assertTrue(footer.endsWith(":" + instance.port()), () -> "served by " + footer + ", expected " + instance.name()
                + " on port " + instance.port());
    }

    private static WebDriverWait waitFor(ChromeDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private static void screenshot(String name) {
        Path file = Path.of(System.getProperty("container-tests.screenshots", "target/screenshots"), name);
        long bytes = chromium.screenshot(file);
        System.out.println("[container-tests] screenshot " + file + " (" + bytes / 1024 + " KiB)");
        if (Boolean.getBoolean("container-tests.update.screenshots")) {
            Path docs = Path.of(System.getProperty("container-tests.docs.screenshots"), name);
            try {
                Files.createDirectories(docs.getParent());
                Files.copy(file, docs, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot update " + docs, e);
            }
        }
    }
}
