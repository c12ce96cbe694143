package io.github.sessionfilter.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a visitor does with the Tomcat {@code examples} app, alternating between two instances: the shopping cart
 * ({@code sessions.DummyCart}, changed in place by {@code jsp:setProperty}) and the number-guess game
 * ({@code num.NumberGuessBean}). The same JSPs ship with Tomcat 9 (javax) and Tomcat 11 (Jakarta).
 */
final class ExamplesScenarios {
    private static final Pattern CART_ITEM = Pattern.compile("<li> ([^<\\r\\n]+)");
    private static final Pattern GUESSES = Pattern.compile("You have made (\\d+) guesses");
    private static final Pattern HINT = Pattern.compile("Try <b>(higher|lower)</b>");
    private static final Pattern WON = Pattern.compile("after just (\\d+) tries");

    private ExamplesScenarios() {
    }

    /** Items added and removed on alternating instances; only session-filter's cookie is ever set. */
    static void cartFollowsTheVisitor(ContainerProcess a, ContainerProcess b, String context) throws Exception {
        WebClient browser = new WebClient();
        String cart = context + "/jsp/sessions/carts.jsp";

        assertEquals(Set.of("Beavis &amp; Butt-head Video collection"), items(browser, a, cart + "?itemId=0&submit=add"));
        assertEquals(Set.of("Beavis &amp; Butt-head Video collection", "JSP Book"),
                items(browser, b, cart + "?itemId=4&submit=add"));
        assertEquals(Set.of("Beavis &amp; Butt-head Video collection", "JSP Book", "NIN CD"),
                items(browser, a, cart + "?itemId=3&submit=add"));
        assertEquals(Set.of("JSP Book", "NIN CD"), items(browser, b, cart + "?itemId=0&submit=remove"));
        assertEquals(Set.of("JSP Book", "NIN CD"), items(browser, a, cart));
        assertEquals(List.of("SESSION"), browser.cookieNamesSet(), "only session-filter's cookie, never JSESSIONID");
    }

    /**
     * Binary search, one guess per request, alternating instances: the count and the secret number only survive
     * if the bean (changed in place by jsp:setProperty) follows the visitor.
     */
    static void numberGuessFollowsTheVisitor(ContainerProcess a, ContainerProcess b, String context) throws Exception {
        WebClient browser = new WebClient();
        String game = context + "/jsp/num/numguess.jsp";
        WebClient.Page welcome = page(browser, a, game);
        assertTrue(welcome.body().contains("Welcome to the Number Guess game."), welcome::toString);

        int low = 1;
        int high = 100;
        for (int guesses = 1; guesses <= 10; guesses++) {
            int guess = (low + high) / 2;
            ContainerProcess instance = guesses % 2 == 1 ? b : a;
            WebClient.Page answer = page(browser, instance, game + "?guess=" + guess);
            Matcher won = WON.matcher(answer.body());
            if (won.find()) {
                assertEquals(guesses, Integer.parseInt(won.group(1)), answer::toString);
                System.out.println("[container-tests] " + context + " number guess won in " + guesses
                        + " tries, alternating between " + a.name() + " and " + b.name());
                // The page reset the bean in place; the other instance starts a new game.
                ContainerProcess other = instance == a ? b : a;
                WebClient.Page next = page(browser, other, game);
                assertTrue(next.body().contains("Welcome to the Number Guess game."), next::toString);
                assertEquals(List.of("SESSION"), browser.cookieNamesSet());
                return;
            }
            assertEquals(guesses, Integer.parseInt(find(GUESSES, answer)), "guess count on " + instance.name());
            if (find(HINT, answer).equals("higher")) {
                low = guess + 1;
            } else {
                high = guess - 1;
            }
        }
        fail("a binary search over 1..100 needs at most 7 guesses; the game state was lost between instances");
    }

    private static Set<String> items(WebClient browser, ContainerProcess instance, String path) throws Exception {
        WebClient.Page cart = page(browser, instance, path);
        Set<String> items = new TreeSet<>();
        Matcher m = CART_ITEM.matcher(cart.body());
        while (m.find()) {
            items.add(m.group(1).strip());
        }
        return items;
    }

    static WebClient.Page page(WebClient browser, ContainerProcess instance, String path) throws Exception {
        WebClient.Page page = browser.get(instance.uri(path));
        assertEquals(200, page.status(), () -> instance.name() + ": " + page);
        return page;
    }

    static String find(Pattern pattern, WebClient.Page page) {
        Matcher m = pattern.matcher(page.body());
        assertTrue(m.find(), () -> "no " + pattern + " on " + page);
        return m.group(1);
    }
}
