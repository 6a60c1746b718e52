package org.hashbridge.protocol;

import java.util.Collection;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper behind vouchers, consent tokens and receipts: strict on unknown and duplicate
 * fields, so one signed or committed text can never be read two ways.
 */
final class ProtocolJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ProtocolJson() {
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** Canonical (RFC 8785) UTF-8 bytes of a value's JSON form. */
    static byte[] canonical(Object value) {
        return CanonicalJson.canonicalize(MAPPER.writeValueAsBytes(value));
    }

    /**
     * Reads {@code json} as {@code type}; a validation failure inside the record keeps its own code,
     * anything else unreadable becomes {@code malformedCode}, naming the member that is wrong when there is
     * one, as a path from {@code root} ({@code voucher.proof.path[2]}), and what is wrong with it.
     *
     * @param what how the message speaks of the whole text ("the voucher")
     * @param root the name of the whole text in a member's path ("voucher")
     */
    static <T> T read(byte[] json, Class<T> type, String malformedCode, String what, String root) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw InvalidInput.of(malformedCode, what + " is empty");
            }
            return value;
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof InvalidInput invalid) {
                throw invalid;
            }
            throw InvalidInput.of(malformedCode, member(root, e) + " is not well formed");
        } catch (UnrecognizedPropertyException e) {
            throw InvalidInput.of(malformedCode, member(root, e) + " is not a member of " + what
                    + " (unknown members are refused)");
        } catch (MismatchedInputException e) {
            throw InvalidInput.of(malformedCode, member(root, e) + " must be " + kind(e.getTargetType()));
        } catch (JacksonException e) {
            // Jackson's own message is not echoed: it may quote the input
            throw InvalidInput.of(malformedCode, e.getPath().isEmpty() ? what + " is not well-formed JSON"
                    : member(root, e) + " is not well formed");
        }
    }

    /** The path of the member an exception is about, from {@code root}: {@code voucher.proof.path[2]}. */
    private static String member(String root, JacksonException e) {
        StringBuilder path = new StringBuilder(root);
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append('.').append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
