package io.github.sessionfilter.demo.site;

/** Names of the session attributes this app uses. */
final class SessionKeys {
    /** The {@link io.github.sessionfilter.demo.members.SignedInMember}, present while logged in. */
    static final String MEMBER = "member";
    /** The {@link io.github.sessionfilter.demo.shop.Cart}, set once and then changed in place. */
    static final String CART = "cart";
    /** The CSRF token every form carries back. */
    static final String CSRF_TOKEN = "csrfToken";
    /** A one-time message shown on the next page (post-redirect-get). */
    static final String FLASH = "flash";

    private SessionKeys() {
    }
}
