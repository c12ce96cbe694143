package io.github.sessionfilter.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The response the application sees. It runs the session commit once, just before the response
 * becomes committed: on sendError, sendRedirect, flushBuffer, flush or close of the body, when the
 * declared content length is reached, or when the body is about to overflow the buffer. Session ids
 * are never written into URLs.
 */
public final class SessionResponse extends HttpServletResponseWrapper {
    private final Runnable beforeCommit;
    private boolean fired;
    private long contentLength = -1;
    private long written;
    private CommitAwareOutputStream stream;
    private PrintWriter writer;

    public SessionResponse(HttpServletResponse response, Runnable beforeCommit) {
        super(response);
        this.beforeCommit = beforeCommit;
    }

    /** Runs the commit hook the first time it is called. */
    void beforeCommit() {
        if (!fired) {
            fired = true;
            beforeCommit.run();
        }
    }

    /** Called before {@code bytes} more bytes go into the body. */
    void beforeWrite(long bytes) {
        if (!fired) {
            boolean lengthReached = contentLength >= 0 && written + bytes >= contentLength;
            boolean bufferFull = written + bytes > getBufferSize();
            if (lengthReached || bufferFull) {
                beforeCommit();
            }
        }
        written += bytes;
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

    @Override
    public void flushBuffer() throws IOException {
        beforeCommit();
        super.flushBuffer();
    }

    @Override
    public void setContentLength(int len) {
        super.setContentLength(len);
        contentLength = len;
    }

    @Override
    public void setContentLengthLong(long len) {
        super.setContentLengthLong(len);
        contentLength = len;
    }

    @Override
    public void setHeader(String name, String value) {
        super.setHeader(name, value);
        trackContentLength(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        super.addHeader(name, value);
        trackContentLength(name, value);
    }

    @Override
    public void setIntHeader(String name, int value) {
        super.setIntHeader(name, value);
        trackContentLength(name, String.valueOf(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        super.addIntHeader(name, value);
        trackContentLength(name, String.valueOf(value));
    }

    @Override
    public void reset() {
        super.reset();
        written = 0;
        contentLength = -1;
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        written = 0;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new CommitAwareOutputStream(super.getOutputStream(), this);
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(new CommitAwareWriter(super.getWriter(), this, maxBytesPerChar()), false);
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

    private float maxBytesPerChar() {
        try {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            return charset.newEncoder().maxBytesPerChar();
        } catch (RuntimeException e) {
            return 4f;
        }
    }

    private void trackContentLength(String name, String value) {
        if ("Content-Length".equalsIgnoreCase(name)) {
            if (value == null) {
                contentLength = -1; // setHeader(name, null) removes the header (Jetty's default servlet does this)
                return;
            }
            try {
                contentLength = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                contentLength = -1;
            }
        }
    }
}
