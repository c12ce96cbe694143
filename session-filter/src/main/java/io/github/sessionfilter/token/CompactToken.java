package io.github.sessionfilter.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A token split into its three segments after the checks made before any parsing: size, alphabet,
 * exactly three non-empty segments, each in canonical unpadded base64url (one spelling per token).
 * Package-private; {@link TokenCodec} decides what the segments mean.
 */
final class CompactToken {
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** The header segment as sent (base64url text), compared as is against the headers we write. */
    final String headerSegment;
    final byte[] payload;
    final byte[] signature;
    /** The signed bytes: {@code header.payload}, ASCII. */
    final byte[] signingInput;

    private CompactToken(String headerSegment, byte[] payload, byte[] signature, byte[] signingInput) {
        this.headerSegment = headerSegment;
        this.payload = payload;
        this.signature = signature;
        this.signingInput = signingInput;
    }

    static CompactToken parse(String token, int maxChars) throws TokenRejectedException {
        if (token == null || token.isEmpty()) {
            throw new TokenRejectedException("no token");
        }
        if (token.length() > maxChars) {
            throw new TokenRejectedException("token too long");
        }
        int firstDot = -1;
        int secondDot = -1;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (firstDot < 0) {
                    firstDot = i;
                } else if (secondDot < 0) {
                    secondDot = i;
                } else {
                    throw new TokenRejectedException("not three segments");
                }
            } else if (sextet(c) < 0) {
                throw new TokenRejectedException("character outside base64url");
            }
        }
        if (secondDot < 0) {
            throw new TokenRejectedException("not three segments");
        }
        checkCanonical(token, 0, firstDot);
        byte[] payload = decode(token, firstDot + 1, secondDot);
        byte[] signature = decode(token, secondDot + 1, token.length());
        byte[] signingInput = token.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII);
        return new CompactToken(token.substring(0, firstDot), payload, signature, signingInput);
    }

    /** Decodes a header segment that did not match one of ours, for a full look at it. */
    static byte[] decodeHeader(String headerSegment) {
        return DECODER.decode(headerSegment);
    }

    private static byte[] decode(String token, int from, int to) throws TokenRejectedException {
        checkCanonical(token, from, to);
        return DECODER.decode(token.substring(from, to));
    }

    /**
     * Unpadded base64url has one spelling per byte string: the length is not 1 modulo 4, and the bits
     * of the last character that encode no byte are zero (the JDK decoder ignores them, so without this
     * check several spellings would decode to the same signature).
     */
    private static void checkCanonical(String token, int from, int to) throws TokenRejectedException {
        int length = to - from;
        if (length == 0) {
            throw new TokenRejectedException("empty segment");
        }
        int unusedBitsMask = switch (length % 4) {
            case 0 -> 0;
            case 2 -> 0x0F;
            case 3 -> 0x03;
            default -> throw new TokenRejectedException("invalid base64url length");
        };
        if ((sextet(token.charAt(to - 1)) & unusedBitsMask) != 0) {
            throw new TokenRejectedException("non-canonical base64url");
        }
    }

    /** The 6-bit value of a base64url character, or -1. */
    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }
}
