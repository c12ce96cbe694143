package io.github.sessionfilter.testing;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ScenarioServlet} plus slow scenarios for the reliability tests: requests that stay in flight
 * while something else happens (shutdown, a concurrent request).
 */
public class ReliabilityServlet extends ScenarioServlet {
    /** How many {@code /slow} requests have set their attribute and are now sleeping. */
    public final AtomicInteger slowInFlight = new AtomicInteger();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String action = req.getPathInfo() == null ? "/" : req.getPathInfo();
        String name = req.getParameter("name");
        long millis = req.getParameter("millis") == null ? 0 : Long.parseLong(req.getParameter("millis"));
        switch (action) {
            case "/slow" -> {
                // Set, then work for a while: the commit happens when the request ends.
                req.getSession().setAttribute(name, req.getParameter("value"));
                slowInFlight.incrementAndGet();
                sleepUninterruptibly(millis);
                resp.getWriter().print("slow done");
            }
            case "/slow-incr" -> {
                // Read-modify-write of one attribute, mutated in place, with a gap that invites lost updates.
                HttpSession session = req.getSession();
                int[] counter = (int[]) session.getAttribute(name);
                if (counter == null) {
                    counter = new int[1];
                    session.setAttribute(name, counter);
                }
                int seen = counter[0];
                sleepUninterruptibly(millis);
                counter[0] = seen + 1;
                resp.getWriter().print("incremented");
            }
            case "/counter" -> {
                HttpSession session = req.getSession(false);
                int[] counter = session == null ? null : (int[]) session.getAttribute(name);
                resp.getWriter().print(counter == null ? "none" : String.valueOf(counter[0]));
            }
            default -> super.doGet(req, resp);
        }
    }

    private static void sleepUninterruptibly(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        boolean interrupted = false;
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Math.max(1, remaining / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
