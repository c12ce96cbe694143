package io.github.sessionfilter.demo.site;

import io.github.sessionfilter.demo.members.Member;
import io.github.sessionfilter.demo.members.MemberRules;
import io.github.sessionfilter.demo.members.SignedInMember;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code /profile}: the logged-in member's account; the display name can be changed. */
public final class ProfileServlet extends PageServlet {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        SignedInMember member = member(request);
        if (member == null) {
            redirectWithMessage(request, response, "/login", "Please log in to see your profile.");
            return;
        }
        Optional<Member> row = load(request, response, member);
        if (row.isPresent()) {
            render(request, response, HttpServletResponse.SC_OK, row.get(), member.displayName(), Map.of());
        }
    }

    @Override
    protected void post(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        SignedInMember member = member(request);
        if (member == null) {
            redirectWithMessage(request, response, "/login", "Please log in to change your profile.");
            return;
        }
        String displayName = parameter(request, "displayName");
        String problem = MemberRules.checkDisplayName(displayName);
        if (problem != null) {
            Optional<Member> row = load(request, response, member);
            if (row.isPresent()) {
                render(request, response, UNPROCESSABLE, row.get(), displayName, Map.of("displayName", problem));
            }
            return;
        }
        boolean updated;
        try {
            updated = members().updateDisplayName(member.id(), displayName);
        } catch (SQLException e) {
            throw new ServletException("updating the display name of member " + member.username() + " failed", e);
        }
        if (!updated) {
            accountGone(request, response);
            return;
        }
        request.getSession().setAttribute(SessionKeys.MEMBER, member.withDisplayName(displayName));
        redirectWithMessage(request, response, "/profile", "Display name saved.");
    }

    /** The member's row, or empty after redirecting to the login page when the account no longer exists. */
    private Optional<Member> load(HttpServletRequest request, HttpServletResponse response, SignedInMember member)
            throws ServletException {
        Optional<Member> row;
        try {
            row = members().findByUsername(member.username());
        } catch (SQLException e) {
            throw new ServletException("loading member " + member.username() + " failed", e);
        }
        if (row.isEmpty()) {
            accountGone(request, response);
        }
        return row;
    }

    private static void accountGone(HttpServletRequest request, HttpServletResponse response) {
        request.getSession().removeAttribute(SessionKeys.MEMBER);
        redirectWithMessage(request, response, "/login", "Your account no longer exists. Please register again.");
    }

    private void render(HttpServletRequest request, HttpServletResponse response, int status, Member member,
            String displayName, Map<String, String> errors) throws IOException {
        Map<String, String> shown = new LinkedHashMap<>(errors);
        String body = "<dl><dt>User name</dt><dd>" + Html.escape(member.username()) + "</dd>"
                + "<dt>Display name</dt><dd>" + Html.escape(member.displayName()) + "</dd>"
                + "<dt>Member since</dt><dd>" + Html.escape(DAY.format(member.createdAt().atZoneSameInstant(ZoneOffset.UTC)))
                + "</dd></dl><h2>Change your display name</h2>"
                + Forms.summary(shown)
                + "<form method=\"post\" action=\"" + ctx(request) + "/profile\" novalidate>"
                + CsrfToken.hiddenField(request)
                + Forms.field("displayName", "Display name", "text", displayName, shown, "nickname")
                + "<p><button>Save</button></p></form>";
        Layout.page(request, response, status, "Your profile", body);
    }
}
