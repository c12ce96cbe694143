package io.github.sessionfilter.token;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;

/**
 * The HMAC of every key of ours, computed with the JDK directly. Each key's {@link Mac} is looked up
 * and initialised once; every use works on a clone of it, which copies the ready hash state instead of
 * asking the providers again. Clones rather than one Mac per thread: nothing is left behind on a
 * container's threads when the app is redeployed. Thread-safe: the initialised Macs are never used
 * themselves, only cloned.
 */
final class TokenMacs {
    private final SigningKeys keys;
    private final Map<String, Mac> initialisedByKeyId = new HashMap<>();

    TokenMacs(SigningKeys keys) {
        this.keys = keys;
        for (String keyId : keys.keyIds()) {
            initialisedByKeyId.put(keyId, newMac(keyId));
        }
    }

    /** The HMAC of {@code input} under the key {@code keyId}, which must be one of ours. */
    byte[] sign(String keyId, byte[] input) {
        return fresh(keyId).doFinal(input);
    }

    /** Whether {@code signature} is the HMAC of {@code input} under {@code keyId}; constant time in the content. */
    boolean verifies(String keyId, byte[] input, byte[] signature) {
        return MessageDigest.isEqual(sign(keyId, input), signature);
    }

    private Mac fresh(String keyId) {
        Mac initialised = initialisedByKeyId.get(keyId);
        try {
            return (Mac) initialised.clone();
        } catch (CloneNotSupportedException e) {
            return newMac(keyId); // a provider whose Macs cannot be cloned: slower, same result
        }
    }

    private Mac newMac(String keyId) {
        try {
            Mac mac = Mac.getInstance(keys.algorithm().jcaName());
            mac.init(keys.verificationKey(keyId).orElseThrow());
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("this JVM cannot compute " + keys.algorithm().jcaName()
                    + " with key '" + keyId + "'", e);
        }
    }
}
