package io.github.sessionfilter.testing;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.security.Principal;

/**
 * Stands in for container or proxy authentication in front of the session filter: the
 * {@code X-Test-User} header becomes {@code request.getUserPrincipal()}. Wraps the filter under test
 * so it sees the principal the way it would behind real authentication.
 */
public final class HeaderAuthentication implements Filter {
    public static final String HEADER = "X-Test-User";
    private final Filter sessionFilter;

    public HeaderAuthentication(Filter sessionFilter) {
        this.sessionFilter = sessionFilter;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        sessionFilter.init(config);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String user = request.getHeader(HEADER);
        ServletRequest authenticated = user == null ? request : new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return () -> user;
            }

            @Override
            public String getRemoteUser() {
                return user;
            }
        };
        sessionFilter.doFilter(authenticated, res, chain);
    }

    @Override
    public void destroy() {
        sessionFilter.destroy();
    }
}
