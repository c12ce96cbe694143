package io.github.sessionfilter.attribute;

import java.io.ObjectInputFilter;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The deserialization filter for one attribute decode: enforces the policy limits and class rules,
 * then lets a JVM-wide {@code jdk.serialFilter} (if the operator set one) reject as well, since a
 * stream filter would otherwise silently replace it. The JDK consults it after resolving each class
 * and before creating any instance, array or {@code readResolve} result.
 *
 * <p>Records the first rejection so the caller can report it even if code inside the stream (a
 * {@code readObject} method) swallowed the exception. One instance per stream; not thread-safe.
 *
 * <p>A {@linkplain #recording recording} filter is only for bytes the codec has just written itself
 * from the app's own value: it notes every class an allow pattern could admit and lets it through,
 * so that one walk of the stream finds all of them, and ignores the limits (the bytes are already
 * within {@code maxBytesPerAttribute}). It still rejects what no pattern can ever allow.
 */
final class AttributeStreamFilter implements ObjectInputFilter {

    private final AttributeClassRules rules;
    private final AttributePolicy policy;
    private final ObjectInputFilter jvmWideFilter;
    private final Set<String> recorded;
    private AttributeDecodeException.Reason rejectionReason;
    private String rejection;

    AttributeStreamFilter(AttributeClassRules rules, AttributePolicy policy, ObjectInputFilter jvmWideFilter) {
        this(rules, policy, jvmWideFilter, null);
    }

    private AttributeStreamFilter(AttributeClassRules rules, AttributePolicy policy, ObjectInputFilter jvmWideFilter,
            Set<String> recorded) {
        this.rules = rules;
        this.policy = policy;
        this.jvmWideFilter = jvmWideFilter;
        this.recorded = recorded;
    }

    /** A filter that records refused classes an allow pattern could admit instead of rejecting them. */
    static AttributeStreamFilter recording(AttributeClassRules rules, AttributePolicy policy,
            ObjectInputFilter jvmWideFilter) {
        return new AttributeStreamFilter(rules, policy, jvmWideFilter, new LinkedHashSet<>());
    }

    @Override
    public Status checkInput(FilterInfo info) {
        String limit = recorded == null ? limitExceeded(info) : null;
        if (limit != null) {
            return reject(AttributeDecodeException.Reason.LIMIT_EXCEEDED, limit);
        }
        Class<?> type = info.serialClass();
        if (type != null) {
            AttributeClassRules.Refusal refused = rules.refusal(type);
            if (refused != null) {
                if (recorded == null || refused.neverAllowed()) {
                    return reject(AttributeDecodeException.Reason.NOT_ALLOWED, refused.message());
                }
                recorded.add(refused.className());
            }
        }
        if (jvmWideFilter != null && jvmWideFilter.checkInput(info) == Status.REJECTED) {
            return reject(AttributeDecodeException.Reason.NOT_ALLOWED,
                    (type == null ? "stream" : "class " + type.getName())
                            + " rejected by the JVM-wide deserialization filter (jdk.serialFilter)");
        }
        return type == null ? Status.UNDECIDED : Status.ALLOWED;
    }

    private String limitExceeded(FilterInfo info) {
        if (info.depth() > policy.maxDepth()) {
            return "object nesting depth " + info.depth() + " exceeds maxDepth " + policy.maxDepth();
        }
        if (info.references() > policy.maxReferences()) {
            return "object references " + info.references() + " exceed maxReferences " + policy.maxReferences();
        }
        if (info.arrayLength() > policy.maxArrayLength()) {
            return "array length " + info.arrayLength() + " exceeds maxArrayLength " + policy.maxArrayLength();
        }
        if (info.streamBytes() > policy.maxBytesPerAttribute()) {
            return "stream bytes " + info.streamBytes() + " exceed maxBytesPerAttribute "
                    + policy.maxBytesPerAttribute();
        }
        return null;
    }

    /** Records a rejection found outside the filter (a proxy descriptor); the first one wins. */
    Status reject(AttributeDecodeException.Reason reason, String message) {
        if (rejection == null) {
            rejectionReason = reason;
            rejection = message;
        }
        return Status.REJECTED;
    }

    /** A recording filter's refused class names, in stream order; empty for any other filter. */
    Set<String> recorded() {
        return recorded == null ? Set.of() : recorded;
    }

    /** The first rejection's reason, or {@code null} if nothing was rejected. */
    AttributeDecodeException.Reason rejectionReason() {
        return rejectionReason;
    }

    /** The first rejection's message, or {@code null} if nothing was rejected. */
    String rejection() {
        return rejection;
    }
}
