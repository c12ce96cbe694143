package io.github.sessionfilter.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The response the application sees. It runs the session commit once, just before the response
 * becomes committed: on sendError, sendRedirect (every overload, Servlet 6.1's included), flushBuffer,
 * flush or close of the body, when the declared content length is reached (also when it is declared
 * after the body was written), or when the body is about to fill the buffer. Session ids are never
 * written into URLs.
 *
 * <p>It accepts everything the servlet API allows and passes it on unchanged: {@code null} header
 * values (Jetty removes the header, Tomcat ignores the call), repeated, negative ("unknown") and
 * non-numeric Content-Length values (the length that counts is the one the container reports back),
 * {@link #reset()} and {@link #resetBuffer()} (the count of buffered bytes starts again, and after a
 * reset a new writer or stream may be obtained), and {@link #setBufferSize(int)}. {@link #reset()}
 * keeps the session cookie the filter set during this request, as containers keep their own session
 * cookie, so a session created before the reset is not lost.
 */
public final class SessionResponse extends HttpServletResponseWrapper {
    private static final String CONTENT_LENGTH = "Content-Length";
    private static final String SET_COOKIE = "Set-Cookie";

    private final Runnable beforeCommit;
    private boolean fired;
    private long contentLength = -1;
    private long written;
    private CommitAwareOutputStream stream;
    private PrintWriter writer;
    /** Set-Cookie values the application added through this wrapper (the rest are the filter's own). */
    private final List<String> appCookies = new ArrayList<>(0);

    public SessionResponse(HttpServletResponse response, Runnable beforeCommit) {
        super(response);
        this.beforeCommit = beforeCommit;
    }

    /** Runs the commit hook the first time it is called. */
    public void beforeCommit() {
        if (!fired) {
            fired = true;
            beforeCommit.run();
        }
    }

    /** Whether the commit hook has run. */
    public boolean committedSession() {
        return fired;
    }

    /** Called before {@code bytes} more bytes go into the body. */
    void beforeWrite(long bytes) {
        if (!fired && bytes > 0) {
            boolean lengthReached = contentLength >= 0 && written + bytes >= contentLength;
            boolean bufferFull = written + bytes >= bufferSizeOrZero();
            if (lengthReached || bufferFull) {
                beforeCommit();
            }
        }
        written += Math.max(0, bytes);
    }

    private int bufferSizeOrZero() {
        try {
            return getBufferSize();
        } catch (RuntimeException e) {
            return 0; // unknown: commit now rather than late
        }
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        beforeCommit();
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        beforeCommit();
        super.sendError(sc);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        beforeCommit();
        super.sendRedirect(location);
    }

    /** Servlet 6.1; on an older API it is not an override, and a direct call still works. */
    public void sendRedirect(String location, int sc) throws IOException {
        sendRedirect(location, sc, true);
    }

    /** Servlet 6.1; on an older API it is not an override, and a direct call still works. */
    public void sendRedirect(String location, boolean clearBuffer) throws IOException {
        sendRedirect(location, SC_FOUND, clearBuffer);
    }

    /**
     * Servlet 6.1's redirect with a status and without clearing the buffer. On a container with an
     * older API (Jetty 12 ee10) it is done with the 6.0 methods: status, Location, then commit.
     */
    public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
        beforeCommit();
        HttpServletResponse target = (HttpServletResponse) getResponse();
        Method redirect;
        try {
            redirect = target.getClass().getMethod("sendRedirect", String.class, int.class, boolean.class);
            if (Modifier.isAbstract(redirect.getModifiers())) {
                redirect = null; // a 6.1 API on a 6.0 container (Jetty 12 ee10): not implemented
            }
        } catch (NoSuchMethodException e) {
            redirect = null;
        }
        if (redirect != null) {
            try {
                redirect.invoke(target, location, sc, clearBuffer);
                return;
            } catch (IllegalAccessException e) {
                // a non-public container class: fall through to the 6.0 methods
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof AbstractMethodError && !isCommitted()) {
                    sendRedirect61(location, sc, clearBuffer);
                    return;
                }
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IOException(cause);
            }
        }
        sendRedirect61(location, sc, clearBuffer);
    }

    private void sendRedirect61(String location, int sc, boolean clearBuffer) throws IOException {
        if (isCommitted()) {
            throw new IllegalStateException("sendRedirect: the response has already been committed");
        }
        if (clearBuffer) {
            super.resetBuffer();
        }
        super.setStatus(sc);
        super.setHeader("Location", location);
        super.flushBuffer();
    }

    @Override
    public void flushBuffer() throws IOException {
        beforeCommit();
        super.flushBuffer();
    }

    @Override
    public void setContentLength(int len) {
        beforeDeclaredLength(len);
        super.setContentLength(len);
        contentLength = containerContentLength(len < 0 ? -1 : len);
    }

    @Override
    public void setContentLengthLong(long len) {
        beforeDeclaredLength(len);
        super.setContentLengthLong(len);
        contentLength = containerContentLength(len < 0 ? -1 : len);
    }

    @Override
    public void setHeader(String name, String value) {
        if (isContentLength(name)) {
            long declared = parseLength(value);
            beforeDeclaredLength(declared);
            super.setHeader(name, value);
            contentLength = containerContentLength(declared);
            return;
        }
        super.setHeader(name, value);
        if (SET_COOKIE.equalsIgnoreCase(name)) {
            appCookies.clear(); // replaces every Set-Cookie, the filter's too: the application's choice
            if (value != null) {
                appCookies.add(value);
            }
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (isContentLength(name)) {
            long declared = parseLength(value);
            beforeDeclaredLength(declared);
            super.addHeader(name, value);
            contentLength = containerContentLength(declared);
            return;
        }
        super.addHeader(name, value);
        if (SET_COOKIE.equalsIgnoreCase(name) && value != null) {
            appCookies.add(value);
        }
    }

    @Override
    public void setIntHeader(String name, int value) {
        if (isContentLength(name)) {
            beforeDeclaredLength(value);
            super.setIntHeader(name, value);
            contentLength = containerContentLength(value < 0 ? -1 : value);
            return;
        }
        super.setIntHeader(name, value);
    }

    @Override
    public void addIntHeader(String name, int value) {
        if (isContentLength(name)) {
            beforeDeclaredLength(value);
            super.addIntHeader(name, value);
            contentLength = containerContentLength(value < 0 ? -1 : value);
            return;
        }
        super.addIntHeader(name, value);
    }

    @Override
    public void setDateHeader(String name, long date) {
        super.setDateHeader(name, date);
        if (isContentLength(name)) {
            contentLength = containerContentLength(-1);
        }
    }

    @Override
    public void addDateHeader(String name, long date) {
        super.addDateHeader(name, date);
        if (isContentLength(name)) {
            contentLength = containerContentLength(-1);
        }
    }

    @Override
    public void addCookie(Cookie cookie) {
        List<String> before = setCookieHeaders();
        super.addCookie(cookie);
        List<String> after = setCookieHeaders();
        for (String value : before) {
            after.remove(value);
        }
        appCookies.addAll(after);
    }

    /**
     * Clears status, headers and buffer as the container does, then puts back the session cookie
     * the filter set during this request (a new session or a new id must reach the browser).
     */
    @Override
    public void reset() {
        List<String> filterCookies = setCookieHeaders();
        for (String value : appCookies) {
            filterCookies.remove(value);
        }
        super.reset();
        written = 0;
        contentLength = -1;
        appCookies.clear();
        stream = null;
        writer = null;
        for (String value : filterCookies) {
            super.addHeader(SET_COOKIE, value);
        }
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        written = 0;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        ServletOutputStream current = super.getOutputStream();
        if (stream == null || !stream.wraps(current)) {
            stream = new CommitAwareOutputStream(current, this);
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(new CommitAwareWriter(super.getWriter(), this, maxBytesPerChar()), false);
        } else {
            super.getWriter(); // the container's checks (getOutputStream already used) still apply
        }
        return writer;
    }

    @Override
    public String encodeURL(String url) {
        return url;
    }

    @Override
    public String encodeRedirectURL(String url) {
        return url;
    }

    /** Servlet 4's deprecated spelling (removed in Servlet 6), for the javax build: no id in URLs either. */
    public String encodeUrl(String url) {
        return url;
    }

    /** Servlet 4's deprecated spelling (removed in Servlet 6), for the javax build: no id in URLs either. */
    public String encodeRedirectUrl(String url) {
        return url;
    }

    /** A length declared when the body already holds that many bytes commits the response at once (Jetty). */
    private void beforeDeclaredLength(long declared) {
        if (!fired && declared >= 0 && written >= declared) {
            beforeCommit();
        }
    }

    /**
     * The content length the container holds after a change: what it reports back when it does
     * (Jetty); else, when it says it has one it does not show (Tomcat keeps the length apart from the
     * headers and ignores a null or non-numeric value), the declared length or, when the declared
     * value was not a length, the previous one; else unknown.
     */
    private long containerContentLength(long declared) {
        String reported;
        try {
            reported = super.getHeader(CONTENT_LENGTH);
        } catch (RuntimeException e) {
            return declared;
        }
        long parsed = parseLength(reported);
        if (parsed >= 0) {
            return parsed;
        }
        if (hasContentLengthHeader()) {
            return declared >= 0 ? declared : contentLength;
        }
        return -1;
    }

    private boolean hasContentLengthHeader() {
        try {
            return super.containsHeader(CONTENT_LENGTH);
        } catch (RuntimeException e) {
            return true;
        }
    }

    private List<String> setCookieHeaders() {
        try {
            Collection<String> values = super.getHeaders(SET_COOKIE);
            return values == null ? new ArrayList<>() : new ArrayList<>(values);
        } catch (RuntimeException e) {
            return new ArrayList<>();
        }
    }

    private static boolean isContentLength(String name) {
        return CONTENT_LENGTH.equalsIgnoreCase(name);
    }

    /** The length a header value declares; -1 for null, negative or non-numeric (unknown length). */
    private static long parseLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return parsed < 0 ? -1 : parsed;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private float maxBytesPerChar() {
        try {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            return charset.newEncoder().maxBytesPerChar();
        } catch (RuntimeException e) {
            return 4f;
        }
    }
}
