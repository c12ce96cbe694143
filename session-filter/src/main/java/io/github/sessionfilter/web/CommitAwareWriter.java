package io.github.sessionfilter.web;

import java.io.IOException;
import java.io.Writer;

/**
 * A body writer that lets {@link SessionResponse} commit the session before the response commits.
 * Characters are counted at the charset's maximum bytes per character, so the commit may come a
 * little early but never late.
 */
final class CommitAwareWriter extends Writer {
    private final Writer delegate;
    private final SessionResponse response;
    private final float maxBytesPerChar;

    CommitAwareWriter(Writer delegate, SessionResponse response, float maxBytesPerChar) {
        this.delegate = delegate;
        this.response = response;
        this.maxBytesPerChar = maxBytesPerChar;
    }

    @Override
    public void write(int c) throws IOException {
        response.beforeWrite((long) Math.ceil(maxBytesPerChar));
        delegate.write(c);
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        response.beforeWrite((long) Math.ceil(len * maxBytesPerChar));
        delegate.write(cbuf, off, len);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        response.beforeWrite((long) Math.ceil(len * maxBytesPerChar));
        delegate.write(str, off, len);
    }

    @Override
    public void flush() throws IOException {
        response.beforeCommit();
        delegate.flush();
    }

    @Override
    public void close() throws IOException {
        response.beforeCommit();
        delegate.close();
    }
}
