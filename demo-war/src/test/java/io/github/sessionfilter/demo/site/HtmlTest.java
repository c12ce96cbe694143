package io.github.sessionfilter.demo.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escape_neutralisesMarkupAndBothQuoteKinds() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;",
                Html.escape("<script>alert('x')</script> & \"q\""));
    }

    @Test
    void escape_keepsOtherTextAsIs() {
        assertEquals("Zoë · 🍵", Html.escape("Zoë · 🍵"));
    }

    @Test
    void shortenedSessionId_showsSixCharactersAndAnEllipsis() {
        assertEquals("abcdef…", SessionServlet.shorten("abcdefghijkl"));
        assertEquals("abc", SessionServlet.shorten("abc"));
    }
}
