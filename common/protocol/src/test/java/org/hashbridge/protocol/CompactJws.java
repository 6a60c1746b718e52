package org.hashbridge.protocol;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;

/** Takes compact JWS apart and puts them together otherwise, as someone forging a receipt would. */
final class CompactJws {

    private CompactJws() {
    }

    static byte[] segment(String jws, int index) {
        return Base64.getUrlDecoder().decode(jws.split("\\.", -1)[index]);
    }

    static String text(String jws, int index) {
        return new String(segment(jws, index), StandardCharsets.UTF_8);
    }

    static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The compact JWS with segment {@code index} decoded, one bit of byte {@code at} flipped, re-encoded. */
    static String flipped(String jws, int index, int at) {
        String[] parts = jws.split("\\.");
        byte[] bytes = segment(jws, index);
        bytes[at] ^= 0x01;
        parts[index] = encode(bytes);
        return String.join(".", parts);
    }

    /** The JWS with {@code from} replaced by {@code to} in its header, payload and signature kept. */
    static String withEditedHeader(String jws, String from, String to) {
        return encode(text(jws, 0).replace(from, to)) + jws.substring(jws.indexOf('.'));
    }

    /** A JWS of {@code payload} under any {@code header}, signed with a private receipt key given as JSON. */
    static String signed(JWSHeader header, byte[] payload, String privateJwkJson) {
        try {
            JWK key = ReceiptAlgorithm.readKey(JSONObjectUtils.parse(privateJwkJson)).orElseThrow();
            JWSObject jws = new JWSObject(header, new Payload(payload));
            jws.sign(ReceiptAlgorithm.ofKey(key).orElseThrow().signer(key));
            return jws.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
