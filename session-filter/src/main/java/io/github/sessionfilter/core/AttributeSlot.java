package io.github.sessionfilter.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

/**
 * One attribute inside a {@link SessionState}: the stored bytes as loaded, the plain encoding last
 * known to be in the store, and the live value once decoded. Package-private bookkeeping.
 */
final class AttributeSlot {
    /**
     * Exact classes whose instances can never change, so their encoding cannot either. Exact, not
     * {@code instanceof}: {@code BigDecimal} and {@code BigInteger} are not final, and a subclass may be mutable.
     */
    private static final Set<Class<?>> UNCHANGEABLE = Set.of(String.class, Boolean.class, Character.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class,
            UUID.class, Instant.class, LocalDate.class, LocalDateTime.class, LocalTime.class, OffsetDateTime.class,
            OffsetTime.class, ZonedDateTime.class, Duration.class, Period.class, Year.class, YearMonth.class,
            MonthDay.class, ZoneOffset.class);

    /** Stored (sealed) bytes as loaded; null once the value has been decoded or set in this request. */
    byte[] stored;
    /** The plain encoding the store holds for this attribute; null if the store does not hold it yet. */
    byte[] persistedPlain;
    Object value;
    boolean decoded;
    /** Serialized size when last encoded or decoded; for the per-session byte limit. */
    int encodedSize;
    /**
     * The plain encoding of {@link #value} when the value {@linkplain #cannotChange cannot change}, so a
     * commit need not encode it again; null when the value may have been mutated in place since.
     */
    byte[] unchangeablePlain;

    static AttributeSlot loaded(byte[] stored) {
        AttributeSlot slot = new AttributeSlot();
        slot.stored = stored;
        return slot;
    }

    static AttributeSlot assigned(Object value) {
        AttributeSlot slot = new AttributeSlot();
        slot.value = value;
        slot.decoded = true;
        return slot;
    }

    /**
     * Whether encoding {@code value} gives the same bytes whenever it is done: immutable JDK value types,
     * and enum constants (serialized by name only).
     */
    static boolean cannotChange(Object value) {
        return value != null && (UNCHANGEABLE.contains(value.getClass()) || value instanceof Enum<?>);
    }

    /** Remembers the encoding of the live value if the value can never change, else forgets any. */
    void encodedAs(byte[] plain) {
        unchangeablePlain = cannotChange(value) ? plain : null;
    }

    /** The size this attribute is known to take: stored bytes until decoded, then its last encoding. */
    long size() {
        return stored != null ? stored.length : encodedSize;
    }

    boolean differsFrom(byte[] plain) {
        return persistedPlain == null || !Arrays.equals(persistedPlain, plain);
    }
}
