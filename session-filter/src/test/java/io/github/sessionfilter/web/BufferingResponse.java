package io.github.sessionfilter.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal container response for unit tests: a buffer that commits when it is full, when the
 * declared Content-Length is reached, on flush or close, like Tomcat and Jetty. {@code jettyHeaders}
 * chooses how a null or unparsable Content-Length and getHeader behave: Jetty's way (null removes,
 * getHeader shows the length) or Tomcat's (null and garbage are ignored, the length is kept apart
 * from the headers and only {@code containsHeader} sees it).
 */
final class BufferingResponse implements HttpServletResponse {
    final boolean jettyHeaders;
    final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private long contentLength = -1;
    private int bufferSize = 64;
    private int status = 200;
    private boolean committed;
    private String output; // null, "stream" or "writer"
    private ServletOutputStream stream;
    private PrintWriter writer;
    private String characterEncoding = "UTF-8";

    BufferingResponse(boolean jettyHeaders) {
        this.jettyHeaders = jettyHeaders;
    }

    long declaredLength() {
        return contentLength;
    }

    private void commit() {
        committed = true;
    }

    private void flushToWire() {
        commit();
        sent.writeBytes(buffer.toByteArray());
        buffer.reset();
    }

    private void append(byte[] b, int off, int len) {
        if (committed && contentLength >= 0 && sent.size() + buffer.size() >= contentLength) {
            return; // past the declared length: dropped, as containers do
        }
        buffer.write(b, off, len);
        long total = sent.size() + buffer.size();
        if (buffer.size() >= bufferSize || (contentLength >= 0 && total >= contentLength)) {
            flushToWire();
        }
    }

    private void checkNotCommitted() {
        if (committed) {
            throw new IllegalStateException("committed");
        }
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if ("writer".equals(output)) {
            throw new IllegalStateException("getWriter already called");
        }
        output = "stream";
        if (stream == null) {
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    append(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    append(b, off, len);
                }

                @Override
                public void flush() {
                    flushToWire();
                }

                @Override
                public void close() {
                    flushToWire();
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if ("stream".equals(output)) {
            throw new IllegalStateException("getOutputStream already called");
        }
        output = "writer";
        if (writer == null) {
            writer = new PrintWriter(new Writer() {
                @Override
                public void write(char[] cbuf, int off, int len) {
                    byte[] encoded = new String(cbuf, off, len).getBytes(StandardCharsets.UTF_8);
                    BufferingResponse.this.append(encoded, 0, encoded.length);
                }

                @Override
                public void flush() {
                    flushToWire();
                }

                @Override
                public void close() {
                    flushToWire();
                }
            });
        }
        return writer;
    }

    @Override
    public void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        if (committed) {
            return;
        }
        contentLength = len < 0 ? -1 : len;
        if (contentLength >= 0 && sent.size() + buffer.size() >= contentLength) {
            flushToWire(); // Jetty commits at once when the body already holds the declared length
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if (committed || name == null) {
            return;
        }
        if ("Content-Length".equalsIgnoreCase(name)) {
            if (value == null) {
                if (jettyHeaders) {
                    contentLength = -1;
                }
                return;
            }
            try {
                setContentLengthLong(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                if (jettyHeaders) {
                    contentLength = -1;
                }
            }
            return;
        }
        if (value == null) {
            if (jettyHeaders) {
                headers.remove(name);
            }
            return;
        }
        headers.put(name, new ArrayList<>(List.of(value)));
    }

    @Override
    public void addHeader(String name, String value) {
        if ("Content-Length".equalsIgnoreCase(name)) {
            setHeader(name, value);
            return;
        }
        if (committed || name == null || value == null) {
            return;
        }
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    @Override
    public void setIntHeader(String name, int value) {
        setHeader(name, String.valueOf(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        addHeader(name, String.valueOf(value));
    }

    @Override
    public void setDateHeader(String name, long date) {
        setHeader(name, String.valueOf(date));
    }

    @Override
    public void addDateHeader(String name, long date) {
        addHeader(name, String.valueOf(date));
    }

    @Override
    public String getHeader(String name) {
        if ("Content-Length".equalsIgnoreCase(name)) {
            return jettyHeaders && contentLength >= 0 ? String.valueOf(contentLength) : null;
        }
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public Collection<String> getHeaders(String name) {
        List<String> values = headers.get(name);
        return values == null ? List.of() : List.copyOf(values);
    }

    @Override
    public Collection<String> getHeaderNames() {
        return List.copyOf(headers.keySet());
    }

    @Override
    public boolean containsHeader(String name) {
        if ("Content-Length".equalsIgnoreCase(name)) {
            return contentLength >= 0;
        }
        return headers.containsKey(name);
    }

    @Override
    public void addCookie(Cookie cookie) {
        addHeader("Set-Cookie", cookie.getName() + "=" + cookie.getValue());
    }

    @Override
    public void sendError(int sc, String msg) {
        checkNotCommitted();
        status = sc;
        buffer.reset();
        flushToWire();
    }

    @Override
    public void sendError(int sc) {
        sendError(sc, null);
    }

    @Override
    public void sendRedirect(String location) {
        checkNotCommitted();
        status = 302;
        headers.put("Location", new ArrayList<>(List.of(location)));
        buffer.reset();
        flushToWire();
    }

    /** Like a Servlet 6.0 container (Jetty 12 ee10) run against the 6.1 API: not implemented. */
    @Override
    public void sendRedirect(String location, int sc, boolean clearBuffer) {
        throw new AbstractMethodError("sendRedirect(String, int, boolean)");
    }

    @Override
    public void setStatus(int sc) {
        if (!committed) {
            status = sc;
        }
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void flushBuffer() {
        flushToWire();
    }

    @Override
    public void resetBuffer() {
        checkNotCommitted();
        buffer.reset();
    }

    @Override
    public void reset() {
        checkNotCommitted();
        buffer.reset();
        headers.clear();
        contentLength = -1;
        status = 200;
        output = null;
        writer = null;
        stream = null;
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    @Override
    public void setBufferSize(int size) {
        if (committed || buffer.size() > 0) {
            throw new IllegalStateException("content written");
        }
        bufferSize = size;
    }

    @Override
    public int getBufferSize() {
        return bufferSize;
    }

    @Override
    public String encodeURL(String url) {
        return url;
    }

    @Override
    public String encodeRedirectURL(String url) {
        return url;
    }

    @Override
    public String getCharacterEncoding() {
        return characterEncoding;
    }

    @Override
    public String getContentType() {
        return getHeader("Content-Type");
    }

    @Override
    public void setCharacterEncoding(String charset) {
        characterEncoding = charset;
    }

    @Override
    public void setContentType(String type) {
        setHeader("Content-Type", type);
    }

    @Override
    public void setLocale(Locale loc) {
    }

    @Override
    public Locale getLocale() {
        return Locale.ROOT;
    }
}
