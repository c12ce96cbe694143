package io.github.sessionfilter.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;

/** A body stream that lets {@link SessionResponse} commit the session before the response commits. */
final class CommitAwareOutputStream extends ServletOutputStream {
    private final ServletOutputStream delegate;
    private final SessionResponse response;

    CommitAwareOutputStream(ServletOutputStream delegate, SessionResponse response) {
        this.delegate = delegate;
        this.response = response;
    }

    boolean wraps(ServletOutputStream candidate) {
        return delegate == candidate;
    }

    @Override
    public void write(int b) throws IOException {
        response.beforeWrite(1);
        delegate.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        response.beforeWrite(len);
        delegate.write(b, off, len);
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

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
        delegate.setWriteListener(listener);
    }
}
