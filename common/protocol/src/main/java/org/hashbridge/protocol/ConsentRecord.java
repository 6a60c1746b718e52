package org.hashbridge.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A resident's consent as the issuer's home node recorded it: who may verify which issuer's document
 * of which type, for what purpose, until when. Its RFC 8785 canonical form, salted, is the consent
 * commitment anchored on chain ({@link ConsentToken#commitment()}).
 *
 * <p>Version 2 adds what PIPL Art. 39 and ISO/IEC TS 27560 ask a consent to state (the recipient's name,
 * contact and jurisdiction, the categories of data, how they are processed and kept, how to withdraw, the
 * language the resident read), and how it was collected: approved with the resident's own key
 * ({@code RESIDENT_SIGNED}, naming that key's hash) or collected by the home operator ({@code ASSISTED}).
 * Version 1 has none of these: its members are absent from its canonical form, which is as it always was.
 *
 * @param subject     the resident's {@link SubjectReference}, hex; never the identifier itself
 * @param issuedAt    unix seconds, not negative
 * @param validUntil  unix seconds, at most {@link #MAX_SECONDS}; consent holds strictly before this second
 * @param jurisdiction the home jurisdiction of the node that recorded it ("HK", "SZ")
 * @param residentKey the hex {@link ResidentKey#hash()} of the key that approved it; only when {@code RESIDENT_SIGNED}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentRecord(int version, String consentId, String subject, String issuer, String verifier,
                            String documentType, String purpose, long issuedAt, long validUntil,
                            String jurisdiction, Recipient recipient, List<String> dataCategories, String processing,
                            String retention, String withdrawal, String language, String collection,
                            String residentKey) {

    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final String RESIDENT_SIGNED = "RESIDENT_SIGNED";
    public static final String ASSISTED = "ASSISTED";
    public static final Set<String> LANGUAGES = Set.of("en", "zh-Hant-HK", "zh-Hans-CN");
    /**
     * 9999-12-31T23:59:59Z. RFC 8785 writes every number as an IEEE 754 double, exact only up to 2^53:
     * beyond that, two records with different times would share one canonical form and one commitment.
     */
    public static final long MAX_SECONDS = ValidUntil.MAX.getEpochSecond();
    /** The longest purpose, in characters (Unicode code points). */
    public static final int MAX_PURPOSE = 200;
    /** The longest text of the other version 2 members, in characters. */
    public static final int MAX_TERMS = 500;
    public static final int MAX_CATEGORIES = 10;

    /**
     * Who receives the answer: the verifying institution, by name, contact and jurisdiction.
     *
     * @param jurisdiction the recipient's jurisdiction ("HK", "SZ")
     */
    public record Recipient(String name, String contact, String jurisdiction) {

        public Recipient {
            FreeText.require(name, MAX_PURPOSE, "INVALID_CONSENT_TERMS", "a recipient's name");
            FreeText.require(contact, MAX_PURPOSE, "INVALID_CONSENT_TERMS", "a recipient's contact");
            if (jurisdiction == null || !jurisdiction.matches("[A-Z]{2}")) {
                throw InvalidInput.of("INVALID_CONSENT_TERMS", "a recipient's jurisdiction is a two-letter code");
            }
        }
    }

    /** @throws InvalidInput {@code MALFORMED_CONSENT} (or a field's own code) when a field is malformed */
    public ConsentRecord {
        if (version != VERSION_1 && version != VERSION_2) {
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
        dataCategories = dataCategories == null ? null : List.copyOf(dataCategories);
        if (version == VERSION_1) {
            if (recipient != null || dataCategories != null || processing != null || retention != null
                    || withdrawal != null || language != null || collection != null || residentKey != null) {
                throw InvalidInput.of("MALFORMED_CONSENT", "a version 1 consent has only the members of version 1");
            }
        } else {
            requireTerms(recipient, dataCategories, processing, retention, withdrawal, language);
            requireCollection(collection, residentKey);
        }
    }

    /** A version 1 record, as nodes wrote them before version 2. */
    public ConsentRecord(int version, String consentId, String subject, String issuer, String verifier,
                         String documentType, String purpose, long issuedAt, long validUntil, String jurisdiction) {
        this(version, consentId, subject, issuer, verifier, documentType, purpose, issuedAt, validUntil, jurisdiction,
                null, null, null, null, null, null, null, null);
    }

    private static void requireTerms(Recipient recipient, List<String> categories, String processing, String retention,
                                     String withdrawal, String language) {
        if (recipient == null) {
            throw InvalidInput.of("INVALID_CONSENT_TERMS", "a consent names its recipient");
        }
        if (categories == null || categories.isEmpty() || categories.size() > MAX_CATEGORIES) {
            throw InvalidInput.of("INVALID_CONSENT_TERMS", "a consent names 1 to " + MAX_CATEGORIES + " categories of data");
        }
        categories.forEach(c -> FreeText.require(c, MAX_PURPOSE, "INVALID_CONSENT_TERMS", "a category of data"));
        FreeText.require(processing, MAX_TERMS, "INVALID_CONSENT_TERMS", "how the data are processed");
        FreeText.require(retention, MAX_TERMS, "INVALID_CONSENT_TERMS", "how long the data are kept");
        FreeText.require(withdrawal, MAX_TERMS, "INVALID_CONSENT_TERMS", "how to withdraw");
        if (!LANGUAGES.contains(language)) {
            throw InvalidInput.of("INVALID_CONSENT_TERMS", "language is one of " + LANGUAGES);
        }
    }

    private static void requireCollection(String collection, String residentKey) {
        if (RESIDENT_SIGNED.equals(collection)) {
            Hash32.fromHex(residentKey);
        } else if (ASSISTED.equals(collection)) {
            if (residentKey != null) {
                throw InvalidInput.of("MALFORMED_CONSENT", "an assisted consent names no resident key");
            }
        } else {
            throw InvalidInput.of("MALFORMED_CONSENT", "collection is RESIDENT_SIGNED or ASSISTED");
        }
    }

    /** True when the resident approved it with their own key, rather than the home operator collecting it. */
    public boolean residentSigned() {
        return RESIDENT_SIGNED.equals(collection);
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
