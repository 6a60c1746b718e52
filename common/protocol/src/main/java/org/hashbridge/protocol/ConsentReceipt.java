package org.hashbridge.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.nimbusds.jose.JOSEObjectType;
import java.util.List;
import java.util.Objects;

/**
 * A consent receipt: the consent record a resident downloads from the node that recorded their consent, in the
 * information structure of ISO/IEC TS 27560:2023 (record header, PII processing, parties, events), signed by that node
 * as a compact JWS of type {@code hashbridge-consent-receipt+jws} with its receipt key, so that the resident, a bank
 * or a regulator can check offline, with the node's published keys ({@code GET /api/v1/receipt-keys}), what was agreed,
 * how it was collected and where the chain holds it.
 *
 * @param schema           the information structure: {@value #SCHEMA}
 * @param recordId         the consent's id
 * @param piiPrincipal     the resident as the consent names them: their subject reference (a pseudonym), hex
 * @param controller       the issuer, who holds the data and answers for it
 * @param recipient        the verifier, who receives the answer
 * @param purposes         what the data are used for, with the categories, processing and retention; one purpose
 * @param jurisdictions    where the data are held and received: the controller's and the recipient's
 * @param collectionMethod {@code RESIDENT_SIGNED} (approved with the resident's own key, {@code residentKey}) or
 *                         {@code ASSISTED} (collected by the home operator, not signed by the resident)
 * @param residentKey      hex hash of the key that approved it, for a resident-signed consent
 * @param withdrawal       how to withdraw it and exercise one's rights; absent for a version 1 consent
 * @param language         the language the resident read the terms in; absent for a version 1 consent
 * @param validFrom        ISO-8601 instant from which it holds
 * @param validUntil       ISO-8601 instant before which it holds
 * @param status           the consent's status when the receipt was made ({@code AUTHORISED}, {@code REVOKED}, ...)
 * @param events           what happened to it: {@code GIVEN}, then {@code WITHDRAWN}, each with its time
 * @param commitment       the consent commitment on chain, hex
 * @param chainId          the chain that holds the commitment, once on chain
 * @param registry         the registry contract that holds it, once on chain
 * @param transaction      the transaction that recorded it, once on chain
 * @param node             the operator whose node recorded the consent and signs this receipt ("hk", "sz")
 * @param issuedAt         ISO-8601 instant the receipt was made
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentReceipt(int version, String schema, String recordId, String piiPrincipal, Party controller,
                             Party recipient, List<Purpose> purposes, List<String> jurisdictions,
                             String collectionMethod, String residentKey, String withdrawal, String language,
                             String validFrom, String validUntil, String status, List<Event> events, String commitment,
                             Long chainId, String registry, String transaction, String node, String issuedAt) {

    public static final int VERSION = 1;
    public static final String SCHEMA = "ISO/IEC TS 27560:2023";
    static final JOSEObjectType TYPE = new JOSEObjectType("hashbridge-consent-receipt+jws");

    /**
     * A party the consent names.
     *
     * @param role         {@code controller} or {@code recipient}
     * @param id           its institution id
     * @param name         its name, when the record has it
     * @param contact      how to reach it, when the record has it
     * @param jurisdiction its jurisdiction ("HK", "SZ")
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Party(String role, String id, String name, String contact, String jurisdiction) {
    }

    /**
     * What the data are used for.
     *
     * @param documentType   the kind of document whose authenticity is checked
     * @param dataCategories the categories of personal data; absent for a version 1 consent
     * @param processing     how they are processed; absent for a version 1 consent
     * @param retention      how long they are kept; absent for a version 1 consent
     * @param legalBasis     {@value #CONSENT_BASIS}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Purpose(String purpose, String documentType, List<String> dataCategories, String processing,
                          String retention, String legalBasis) {

        public static final String CONSENT_BASIS = "consent";
    }

    /** @param type {@code GIVEN} or {@code WITHDRAWN}; {@code at} an ISO-8601 instant */
    public record Event(String type, String at) {
    }

    public ConsentReceipt {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(commitment, "commitment");
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
        jurisdictions = jurisdictions == null ? List.of() : List.copyOf(jurisdictions);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /**
     * The consent receipt a compact JWS holds, once its signature by one of {@code keys} checks out.
     *
     * @throws InvalidInput {@code MALFORMED_CONSENT_RECEIPT} when it is not a consent receipt JWS (a verification receipt
     *                      is not one), {@code UNKNOWN_RECEIPT_KEY} when no published key has its key id,
     *                      {@code RECEIPT_SIGNATURE_INVALID} when the signature does not verify
     */
    public static ConsentReceipt verify(String compactJws, ReceiptVerifier keys) {
        byte[] payload = keys.verifiedPayload(compactJws, TYPE, "MALFORMED_CONSENT_RECEIPT");
        return ProtocolJson.read(payload, ConsentReceipt.class, "MALFORMED_CONSENT_RECEIPT", "the consent receipt", "receipt");
    }

    byte[] toCanonicalJson() {
        return ProtocolJson.canonical(this);
    }
}
