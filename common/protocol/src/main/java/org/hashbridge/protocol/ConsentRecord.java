package org.hashbridge.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * A resident's consent as the issuer's home node recorded it: who may verify which issuer's document
 * of which type, for what purpose, until when. Its RFC 8785 canonical form, salted, is the consent
 * commitment anchored on chain ({@link ConsentToken#commitment()}).
 *
 * @param subject     the resident's {@link SubjectReference}, hex; never the identifier itself
 * @param issuedAt    unix seconds, not negative
 * @param validUntil  unix seconds, at most {@link #MAX_SECONDS}; consent holds strictly before this second
 * @param jurisdiction the home jurisdiction of the node that recorded it ("HK", "SZ")
 */
public record ConsentRecord(int version, String consentId, String subject, String issuer, String verifier,
                            String documentType, String purpose, long issuedAt, long validUntil,
                            String jurisdiction) {

    public static final int VERSION = 1;
    /**
     * 9999-12-31T23:59:59Z. RFC 8785 writes every number as an IEEE 754 double, exact only up to 2^53:
     * beyond that, two records with different times would share one canonical form and one commitment.
     */
    public static final long MAX_SECONDS = ValidUntil.MAX.getEpochSecond();
    /** The longest purpose, in characters (Unicode code points). */
    public static final int MAX_PURPOSE = 200;

    /** @throws InvalidInput {@code MALFORMED_CONSENT} (or a field's own code) when a field is malformed */
    public ConsentRecord {
        if (version != VERSION) {
            throw InvalidInput.of("MALFORMED_CONSENT", "unsupported consent version");
        }
        if (consentId == null || consentId.isBlank() || consentId.length() > 64 || !FreeText.isPrintable(consentId)) {
            throw InvalidInput.of("MALFORMED_CONSENT", "consentId is missing");
        }
        SubjectReference.fromHex(subject);
        new InstitutionId(issuer);
        new InstitutionId(verifier);
        new DocumentType(documentType);
        FreeText.require(purpose, MAX_PURPOSE, "INVALID_PURPOSE", "a purpose");
        if (issuedAt < 0) {
            throw InvalidInput.of("MALFORMED_CONSENT", "issuedAt must be unix seconds");
        }
        if (validUntil <= issuedAt || validUntil > MAX_SECONDS) {
            throw InvalidInput.of("INVALID_VALID_UNTIL", "validUntil must be after issuedAt and at most year 9999");
        }
        if (jurisdiction == null || !jurisdiction.matches("[A-Z]{2}")) {
            throw InvalidInput.of("MALFORMED_CONSENT", "jurisdiction is a two-letter code");
        }
    }

    /** The exact bytes that go into the commitment: RFC 8785 canonical JSON. */
    public byte[] canonicalBytes() {
        return ProtocolJson.canonical(this);
    }

    public InstitutionId issuerId() {
        return new InstitutionId(issuer);
    }

    public InstitutionId verifierId() {
        return new InstitutionId(verifier);
    }

    public SubjectReference subjectReference() {
        return SubjectReference.fromHex(subject);
    }

    public Instant validUntilInstant() {
        return Instant.ofEpochSecond(validUntil);
    }

    /** True when this consent lets {@code verifier} check {@code issuer}'s {@code documentType} of {@code subject}. */
    public boolean covers(InstitutionId verifier, InstitutionId issuer, DocumentType documentType,
                          SubjectReference subject) {
        return Objects.equals(this.verifier, verifier.value()) && Objects.equals(this.issuer, issuer.value())
                && Objects.equals(this.documentType, documentType.value())
                && Objects.equals(this.subject, subject.hex());
    }
}
