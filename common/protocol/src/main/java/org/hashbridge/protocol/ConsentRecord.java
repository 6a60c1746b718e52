package org.hashbridge.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * A resident's consent as the issuer's home node recorded it: who may verify which issuer's document
 * of which type, for what purpose, until when. Its RFC 8785 canonical form, salted, is the consent
 * commitment anchored on chain ({@link ConsentToken#commitment()}).
 *
 * @param subject     the resident's {@link SubjectReference}, hex; never the identifier itself
 * @param issuedAt    unix seconds
 * @param validUntil  unix seconds; consent holds strictly before this second
 * @param jurisdiction the home jurisdiction of the node that recorded it ("HK", "SZ")
 */
public record ConsentRecord(int version, String consentId, String subject, String issuer, String verifier,
                            String documentType, String purpose, long issuedAt, long validUntil,
                            String jurisdiction) {

    public static final int VERSION = 1;
    private static final int MAX_PURPOSE = 200;

    /** @throws InvalidInput {@code MALFORMED_CONSENT} (or a field's own code) when a field is malformed */
    public ConsentRecord {
        if (version != VERSION) {
            throw InvalidInput.of("MALFORMED_CONSENT", "unsupported consent version");
        }
        if (consentId == null || consentId.isBlank() || consentId.length() > 64) {
            throw InvalidInput.of("MALFORMED_CONSENT", "consentId is missing");
        }
        SubjectReference.fromHex(subject);
        new InstitutionId(issuer);
        new InstitutionId(verifier);
        new DocumentType(documentType);
        if (purpose == null || purpose.isBlank() || purpose.length() > MAX_PURPOSE) {
            throw InvalidInput.of("INVALID_PURPOSE", "a purpose is 1 to 200 characters");
        }
        if (validUntil <= issuedAt) {
            throw InvalidInput.of("INVALID_VALID_UNTIL", "validUntil must be after issuedAt");
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
