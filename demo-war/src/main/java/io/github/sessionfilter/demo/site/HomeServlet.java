package io.github.sessionfilter.demo.site;

import io.github.sessionfilter.demo.shop.Catalog;
import io.github.sessionfilter.demo.shop.Product;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The shop front at {@code /}: the teas on sale, each with an "add to cart" button. */
public final class HomeServlet extends PageServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StringBuilder rows = new StringBuilder();
        for (Product product : Catalog.all()) {
            rows.append("<tr><td>").append(Html.escape(product.name()))
                    .append("</td><td class=\"num\">").append(Html.escape(product.price()))
                    .append("</td><td>").append(CartServlet.button(request, "add", product.code(), "Add to cart"))
                    .append("</td></tr>");
        }
        String ctx = ctx(request);
        String body = "<p>Members' prices on fine teas. <a href=\"" + ctx + "/register\">Join</a> or "
                + "<a href=\"" + ctx + "/login\">log in</a>, fill your cart, and keep an eye on the footer: "
                + "it names the server instance that answered. Your cart follows you from one instance to the next; "
                + "the <a href=\"" + ctx + "/session\">session page</a> shows the details.</p>"
                + "<table><thead><tr><th>Tea</th><th class=\"num\">Price</th><th></th></tr></thead><tbody>"
                + rows + "</tbody></table>";
        Layout.page(request, response, HttpServletResponse.SC_OK, "Fine teas for members", body);
    }
}
