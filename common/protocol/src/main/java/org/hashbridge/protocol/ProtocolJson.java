package org.hashbridge.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
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
     * anything else unreadable becomes {@code malformedCode}.
     */
    static <T> T read(byte[] json, Class<T> type, String malformedCode, String what) {
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
            throw InvalidInput.of(malformedCode, what + " is not well formed");
        } catch (JacksonException e) {
            throw InvalidInput.of(malformedCode, what + " is not well formed");
        }
    }
}
