package io.github.sessionfilter.testing;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Mapped to {@code /t/*} beside the container's default servlet. Every path except {@code /get} and
 * {@code /error} stores {@code ?value=} in the session as {@code v}, then exercises one edge of the
 * response: dispatch to a static file, reset, odd Content-Length calls, redirects, errors, async.
 */
public final class EdgeServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String path = req.getPathInfo();
        if ("/get".equals(path)) {
            HttpSession session = req.getSession(false);
            Object value = session == null ? null : session.getAttribute("v");
            Object error = session == null ? null : session.getAttribute("error-page");
            text(resp, "v=" + value + (error == null ? "" : " error-page=" + error));
            return;
        }
        if ("/error".equals(path)) {
            HttpSession session = req.getSession(true);
            Object status = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            session.setAttribute("error-page", String.valueOf(status));
            text(resp, "error page " + status + " v=" + session.getAttribute("v"));
            return;
        }
        req.getSession().setAttribute("v", req.getParameter("value"));
        switch (path) {
            case "/include-css" -> {
                resp.setContentType("text/plain;charset=UTF-8");
                PrintWriter out = resp.getWriter();
                out.print("before|");
                req.getRequestDispatcher("/style.css").include(req, resp);
                out.print("|after");
            }
            case "/forward-css" -> req.getRequestDispatcher("/style.css").forward(req, resp);
            case "/reset" -> {
                resp.setHeader("X-Dropped", "1");
                resp.addCookie(new jakarta.servlet.http.Cookie("dropped", "1"));
                resp.getWriter().print("discarded");
                resp.reset();
                resp.setContentType("text/plain;charset=UTF-8");
                ServletOutputStream out = resp.getOutputStream(); // the other output, allowed after reset
                out.write("after reset".getBytes(StandardCharsets.UTF_8));
            }
            case "/reset-buffer" -> {
                resp.setContentType("text/plain;charset=UTF-8");
                PrintWriter out = resp.getWriter();
                out.print("discarded");
                resp.resetBuffer();
                out.print("kept");
            }
            case "/lengths" -> {
                byte[] body = "0123456789".getBytes(StandardCharsets.US_ASCII);
                resp.setContentType("text/plain");
                resp.setHeader("Content-Length", null);
                resp.addHeader("Content-Length", null);
                resp.setContentLength(-1);
                try {
                    resp.setHeader("Content-Length", "not a number");
                    resp.setHeader("X-Non-Numeric-Length", "ignored"); // Tomcat
                } catch (NumberFormatException e) {
                    resp.setHeader("X-Non-Numeric-Length", "rejected"); // Jetty
                }
                resp.setContentLengthLong(1000);
                resp.setIntHeader("Content-Length", body.length);
                resp.setHeader("X-Null", null);
                resp.addHeader("X-Null", null);
                resp.getOutputStream().write(body);
            }
            case "/length-after-body" -> {
                resp.setContentType("text/plain");
                resp.getWriter().print("0123456789");
                resp.setContentLength(10);
            }
            case "/big" -> {
                resp.setBufferSize(1024);
                resp.setContentType("text/plain");
                byte[] line = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
                ServletOutputStream out = resp.getOutputStream();
                for (int i = 0; i < 1024; i++) {
                    out.write(line);
                }
            }
            case "/redirect" -> resp.sendRedirect(req.getContextPath() + "/t/get");
            case "/redirect-303" -> redirect61(resp, req.getContextPath() + "/t/get");
            case "/send-error" -> resp.sendError(404);
            case "/throw" -> throw new IllegalStateException("thrown on purpose");
            case "/async" -> {
                AsyncContext async = req.startAsync();
                async.start(() -> {
                    try {
                        async.getResponse().setContentType("text/plain");
                        async.getResponse().getWriter().print("async done");
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    } finally {
                        async.complete();
                    }
                });
            }
            case "/async-wrapped" -> {
                AsyncContext async = req.startAsync(req, resp);
                new Thread(() -> {
                    try {
                        resp.setContentType("text/plain");
                        resp.getWriter().print("async done");
                        resp.flushBuffer();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    } finally {
                        async.complete();
                    }
                }, "edge-async").start();
            }
            case "/async-dispatch" -> {
                AsyncContext async = req.startAsync();
                new Thread(() -> async.dispatch("/t/get"), "edge-dispatch").start();
            }
            default -> {
                if ("HEAD".equals(req.getMethod()) || "/set".equals(path)) {
                    byte[] body = "set".getBytes(StandardCharsets.US_ASCII);
                    resp.setContentType("text/plain");
                    resp.setContentLength(body.length);
                    resp.getOutputStream().write(body);
                } else {
                    resp.sendError(400, "unknown path " + path);
                }
            }
        }
    }

    /** Servlet 6.1's sendRedirect(String, int, boolean), called the way an app built against 6.1 would. */
    private static void redirect61(HttpServletResponse resp, String location) throws IOException {
        try {
            resp.getClass().getMethod("sendRedirect", String.class, int.class, boolean.class)
                    .invoke(resp, location, 303, false);
        } catch (ReflectiveOperationException e) {
            throw new IOException(e);
        }
    }

    private static void text(HttpServletResponse resp, String body) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().print(body);
    }
}
