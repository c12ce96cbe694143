package io.github.sessionfilter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SessionResponse} on a minimal buffering response that behaves like Jetty ({@code true}) or
 * like Tomcat ({@code false}) for null and unparsable header values. The invariant checked after
 * every step: if the container response is committed, the session commit ran once, before it.
 */
class SessionResponseTest {
    private BufferingResponse raw;
    private SessionResponse response;
    private int commits;
    private boolean committedAtHook;

    private void start(boolean jetty) {
        raw = new BufferingResponse(jetty);
        commits = 0;
        committedAtHook = false;
        response = new SessionResponse(raw, () -> {
            commits++;
            committedAtHook |= raw.isCommitted();
        });
    }

    private void assertCommitBeforeContainer() {
        assertFalse(committedAtHook, "the session commit ran after the response was committed");
        assertTrue(commits <= 1, "the session commit ran " + commits + " times");
        if (raw.isCommitted()) {
            assertEquals(1, commits, "the response was committed without the session commit");
        }
    }

    private static byte[] bytes(int n) {
        return "x".repeat(n).getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "jetty={0}")
    @ValueSource(booleans = {true, false})
    void nullHeaderValues_areAccepted(boolean jetty) throws Exception {
        start(jetty);
        response.setHeader("Content-Length", null);
        response.addHeader("Content-Length", null);
        response.setHeader("X-Other", "1");
        response.setHeader("X-Other", null);
        response.addHeader("X-Other", null);
        response.setHeader("Set-Cookie", null);
        response.setHeader(null, "value");
        response.getOutputStream().write(bytes(10));
        assertFalse(raw.isCommitted());
        assertEquals(0, commits);
        assertCommitBeforeContainer();
    }

    @ParameterizedTest(name = "jetty={0}")
    @ValueSource(booleans = {true, false})
    void nullContentLength_afterALength_neverCommitsLate(boolean jetty) throws Exception {
        start(jetty);
        response.setContentLength(4);
        response.setHeader("Content-Length", null); // Jetty removes the length; Tomcat keeps 4
        response.getOutputStream().write(bytes(4));
        assertEquals(jetty, !raw.isCommitted());
        assertCommitBeforeContainer();
    }

    @ParameterizedTest(name = "jetty={0}")
    @ValueSource(booleans = {true, false})
    void nonNumericContentLength_afterALength_neverCommitsLate(boolean jetty) throws Exception {
        start(jetty);
        response.setIntHeader("Content-Length", 4);
        response.setHeader("Content-Length", "four");
        response.getWriter().write("abcd");
        assertCommitBeforeContainer();
    }

    @ParameterizedTest(name = "jetty={0}")
    @ValueSource(booleans = {true, false})
    void contentLengthReached_commitsTheSessionFirst_everyWayOfSettingIt(boolean jetty) throws Exception {
        for (int way = 0; way < 5; way++) {
            start(jetty);
            switch (way) {
                case 0 -> response.setContentLength(5);
                case 1 -> response.setContentLengthLong(5);
                case 2 -> response.setHeader("content-length", " 5 ");
                case 3 -> response.addHeader("Content-Length", "5");
                default -> response.addIntHeader("Content-Length", 5);
            }
            response.getOutputStream().write(bytes(4));
            assertEquals(0, commits, "way " + way);
            response.getOutputStream().write('x');
            assertTrue(raw.isCommitted(), "way " + way);
            assertCommitBeforeContainer();
        }
    }

    @ParameterizedTest(name = "jetty={0}")
    @ValueSource(booleans = {true, false})
    void repeatedContentLength_theLastOneCounts(boolean jetty) throws Exception {
        start(jetty);
        response.setHeader("Content-Length", "100");
        response.addHeader("Content-Length", "50");
        response.setIntHeader("Content-Length", 3);
        response.getOutputStream().write(bytes(3));
        assertTrue(raw.isCommitted());
        assertCommitBeforeContainer();
    }

    @ParameterizedTest(name = "jetty={0}")
    @ValueSource(booleans = {true, false})
    void negativeContentLength_meansUnknown(boolean jetty) throws Exception {
        start(jetty);
        response.setContentLength(3);
        response.setContentLengthLong(-1);
        response.setIntHeader("Content-Length", -7);
        response.getOutputStream().write(bytes(10));
        assertFalse(raw.isCommitted());
        assertEquals(0, commits, "no length and a buffer not full: no early commit");
    }

    @ParameterizedTest(name = "jetty={0}")
    @ValueSource(booleans = {true, false})
    void lengthDeclaredAfterTheBody_commitsTheSessionFirst(boolean jetty) throws Exception {
        start(jetty);
        response.getWriter().write("hello");
        assertEquals(0, commits);
        response.setContentLength(5); // the container commits at once: the body is complete
        assertTrue(raw.isCommitted());
        assertCommitBeforeContainer();
    }

    @ParameterizedTest(name = "jetty={0}")
    @ValueSource(booleans = {true, false})
    void bufferFilledExactly_commitsTheSessionFirst(boolean jetty) throws Exception {
        start(jetty);
        response.setBufferSize(16);
        response.getOutputStream().write(bytes(15));
        assertEquals(0, commits);
        response.getOutputStream().write('x');
        assertTrue(raw.isCommitted());
        assertCommitBeforeContainer();
    }

    @ParameterizedTest(name = "jetty={0}")
    @ValueSource(booleans = {true, false})
    void resetBuffer_startsTheCountAgain_forAWriterObtainedBefore(boolean jetty) throws Exception {
        start(jetty);
        response.setBufferSize(16);
        response.setCharacterEncoding("ISO-8859-1"); // one byte per character
        PrintWriter writer = response.getWriter();
        writer.write("0123456789");
        response.resetBuffer();
        writer.write("0123456789");
        assertFalse(raw.isCommitted());
        assertEquals(0, commits, "bytes discarded by resetBuffer still counted");
        writer.write("012345");
        assertTrue(raw.isCommitted());
        assertCommitBeforeContainer();
    }

    @ParameterizedTest(name = "jetty={0}")
    @ValueSource(booleans = {true, false})
    void reset_allowsTheOtherOutput_andForgetsTheLength(boolean jetty) throws Exception {
        start(jetty);
        response.setContentLength(100);
        PrintWriter writer = response.getWriter();
        writer.write("discarded");
        response.reset();
        ServletOutputStream stream = response.getOutputStream();
        assertNotSame(writer, stream);
        stream.write(bytes(20));
        assertFalse(raw.isCommitted());
        assertEquals(0, commits);
        response.setContentLength(21);
        assertEquals(0, commits);
        stream.write('x');
        assertTrue(raw.isCommitted());
        assertEquals(21, raw.sent.size());
        assertCommitBeforeContainer();
    }

    @ParameterizedTest(name = "jetty={0}")
    @ValueSource(booleans = {true, false})
    void reset_keepsTheFilterSessionCookie_andDropsTheApplications(boolean jetty) throws Exception {
        start(jetty);
        raw.addHeader("Set-Cookie", "SESSION=token; Path=/app; HttpOnly"); // the filter writes to the container response
        response.addCookie(new Cookie("theme", "dark"));
        response.addHeader("Set-Cookie", "lang=en");
        response.setHeader("X-App", "1");
        response.reset();
        assertEquals(List.of("SESSION=token; Path=/app; HttpOnly"), List.copyOf(raw.getHeaders("Set-Cookie")));
        assertFalse(raw.containsHeader("X-App"));
        response.reset();
        assertEquals(List.of("SESSION=token; Path=/app; HttpOnly"), List.copyOf(raw.getHeaders("Set-Cookie")));
    }

    @ParameterizedTest(name = "jetty={0}")
    @ValueSource(booleans = {true, false})
    void sameWriterAndStream_untilReset(boolean jetty) throws Exception {
        start(jetty);
        assertSame(response.getOutputStream(), response.getOutputStream());
        response.reset();
        assertSame(response.getWriter(), response.getWriter());
    }

    @ParameterizedTest(name = "jetty={0}")
    @ValueSource(booleans = {true, false})
    void sendErrorAndRedirect_commitTheSessionFirst(boolean jetty) throws Exception {
        start(jetty);
        response.sendError(404);
        assertCommitBeforeContainer();
        start(jetty);
        response.sendError(500, "boom");
        assertCommitBeforeContainer();
        start(jetty);
        response.sendRedirect("/next");
        assertEquals(302, raw.getStatus());
        assertCommitBeforeContainer();
    }

    @ParameterizedTest(name = "jetty={0}")
    @ValueSource(booleans = {true, false})
    void servlet61Redirects_onAnOlderContainer_keepTheBodyWhenAsked(boolean jetty) throws Exception {
        start(jetty);
        response.getWriter().write("moved");
        response.sendRedirect("/elsewhere", 303, false);
        assertTrue(raw.isCommitted());
        assertEquals(303, raw.getStatus());
        assertEquals("/elsewhere", raw.getHeader("Location"));
        assertEquals("moved", raw.sent.toString(StandardCharsets.UTF_8));
        assertCommitBeforeContainer();

        start(jetty);
        response.getWriter().write("dropped");
        response.sendRedirect("/x", 307);
        assertEquals(307, raw.getStatus());
        assertEquals("", raw.sent.toString(StandardCharsets.UTF_8));
        assertCommitBeforeContainer();

        start(jetty);
        response.sendRedirect("/y", true);
        assertEquals(302, raw.getStatus());
        assertCommitBeforeContainer();
    }

    @ParameterizedTest(name = "jetty={0}")
    @ValueSource(booleans = {true, false})
    void flushAndClose_commitOnce(boolean jetty) throws Exception {
        start(jetty);
        PrintWriter writer = response.getWriter();
        writer.print("a");
        writer.flush();
        writer.flush();
        response.flushBuffer();
        writer.close();
        assertEquals(1, commits);
        assertCommitBeforeContainer();
    }

    @ParameterizedTest(name = "jetty={0}")
    @ValueSource(booleans = {true, false})
    void multiByteCharacters_areCountedAtTheirLargestSize(boolean jetty) throws Exception {
        start(jetty);
        response.setBufferSize(16);
        response.getWriter().write("ééééé"); // 10 bytes in UTF-8, counted as up to 15
        assertFalse(raw.isCommitted());
        response.getWriter().write("éé"); // 14 bytes: the container's buffer is not full yet
        assertFalse(raw.isCommitted());
        assertEquals(1, commits, "counted at the charset's maximum: the commit comes early, never late");
        response.getWriter().write("éé");
        assertTrue(raw.isCommitted());
        assertCommitBeforeContainer();
    }
}
