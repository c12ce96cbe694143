package io.github.sessionfilter.demo.site;

import io.github.sessionfilter.demo.shop.Cart;
import io.github.sessionfilter.demo.shop.Catalog;
import io.github.sessionfilter.demo.shop.Product;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /cart}. The cart is put into the session once; after that it is only changed in place
 * ({@code ((Cart) session.getAttribute("cart")).add(...)}), never set again, like legacy code does.
 */
public final class CartServlet extends PageServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        Cart cart = session == null ? null : (Cart) session.getAttribute(SessionKeys.CART);
        String ctx = ctx(request);
        String body;
        if (cart == null || cart.isEmpty()) {
            body = "<p>Your cart is empty. <a href=\"" + ctx + "/\">Browse the teas</a>.</p>";
        } else {
            StringBuilder rows = new StringBuilder();
            long total = 0;
            for (Map.Entry<String, Integer> line : cart.lines().entrySet()) {
                Optional<Product> product = Catalog.find(line.getKey());
                if (product.isEmpty()) {
                    continue; // no longer sold
                }
                long lineTotal = product.get().priceCents() * line.getValue();
                total += lineTotal;
                rows.append("<tr><td>").append(Html.escape(product.get().name()))
                        .append("</td><td class=\"num\">").append(Html.escape(product.get().price()))
                        .append("</td><td class=\"num\">").append(line.getValue())
                        .append("</td><td class=\"num\">").append(Html.escape(Product.formatCents(lineTotal)))
                        .append("</td><td>").append(button(request, "add", line.getKey(), "+1"))
                        .append(' ').append(button(request, "remove", line.getKey(), "Remove")).append("</td></tr>");
            }
            body = "<table><thead><tr><th>Tea</th><th class=\"num\">Price</th><th class=\"num\">Quantity</th>"
                    + "<th class=\"num\">Subtotal</th><th></th></tr></thead><tbody>" + rows + "</tbody>"
                    + "<tfoot><tr><th colspan=\"3\">Total</th><th class=\"num\">" + Html.escape(Product.formatCents(total))
                    + "</th><th></th></tr></tfoot></table>"
                    + "<p><a href=\"" + ctx + "/\">Continue shopping</a></p>";
        }
        Layout.page(request, response, HttpServletResponse.SC_OK, "Your cart", body);
    }

    @Override
    protected void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Product> product = Catalog.find(parameter(request, "product"));
        String action = parameter(request, "action");
        if (product.isEmpty() || !(action.equals("add") || action.equals("remove"))) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        HttpSession session = request.getSession();
        if (action.equals("add")) {
            if (session.getAttribute(SessionKeys.CART) == null) {
                session.setAttribute(SessionKeys.CART, new Cart());
            }
            ((Cart) session.getAttribute(SessionKeys.CART)).add(product.get().code(), 1);
            redirectWithMessage(request, response, "/cart", "Added " + product.get().name() + " to your cart.");
        } else {
            Cart cart = (Cart) session.getAttribute(SessionKeys.CART);
            if (cart != null) {
                cart.remove(product.get().code());
            }
            redirectWithMessage(request, response, "/cart", "Removed " + product.get().name() + " from your cart.");
        }
    }

    /** A one-button form posting to the cart. */
    static String button(HttpServletRequest request, String action, String productCode, String label) {
        return "<form class=\"inline\" method=\"post\" action=\"" + Html.escape(request.getContextPath()) + "/cart\">"
                + CsrfToken.hiddenField(request)
                + "<input type=\"hidden\" name=\"action\" value=\"" + Html.escape(action) + "\">"
                + "<input type=\"hidden\" name=\"product\" value=\"" + Html.escape(productCode) + "\">"
                + "<button>" + Html.escape(label) + "</button></form>";
    }
}
