package org.hashbridge.bank;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.hashbridge.protocol.ConsentRecord;

/**
 * What a resident asks their home node to record as their consent, before they approve it with their key. The
 * optional terms (language, the recipient's name and contact, the categories of data, retention) are null unless
 * given; the node then fills them in from its configuration, and the resident sees them in the record before
 * approving it.
 *
 * @param subject    the resident's own identifier, as their home node knows it
 * @param issuer     the institution that issued the document, such as {@code hk.transunion}
 * @param verifier   the bank that may check it, such as {@code cn.abc-shenzhen}
 * @param validUntil the consent holds strictly before this second
 */
public record ConsentRequest(String subject, String issuer, String verifier, String documentType, String purpose,
                             Instant validUntil, String language, String recipientName, String recipientContact,
                             List<String> dataCategories, String retention) {

    /** @throws NullPointerException when a required member is null */
    public ConsentRequest {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(documentType, "documentType");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(validUntil, "validUntil");
        dataCategories = dataCategories == null ? null : List.copyOf(dataCategories);
    }

    /** A request with the node's own terms. */
    public static ConsentRequest of(String subject, String issuer, String verifier, String documentType, String purpose,
                                    Instant validUntil) {
        return new ConsentRequest(subject, issuer, verifier, documentType, purpose, validUntil, null, null, null, null,
                null);
    }

    /** This request in {@code language}: {@code en}, {@code zh-Hant-HK} or {@code zh-Hans-CN}. */
    public ConsentRequest withLanguage(String language) {
        return new ConsentRequest(subject, issuer, verifier, documentType, purpose, validUntil, language, recipientName,
                recipientContact, dataCategories, retention);
    }

    /** This request naming the recipient as the resident knows it. */
    public ConsentRequest withRecipient(String name, String contact) {
        return new ConsentRequest(subject, issuer, verifier, documentType, purpose, validUntil, language, name, contact,
                dataCategories, retention);
    }

    /** This request naming the categories of data and how long the recipient keeps them. */
    public ConsentRequest withData(List<String> categories, String retention) {
        return new ConsentRequest(subject, issuer, verifier, documentType, purpose, validUntil, language, recipientName,
                recipientContact, categories, retention);
    }

    /**
     * The first term in which {@code record}, as the node wrote it for approval, is not what this request asked for
     * (empty when it is): a resident's key approves exactly the consent asked for, never a node's other choice of
     * bank, document, purpose or time. Terms the request left to the node are the node's.
     */
    Optional<String> differenceFrom(ConsentRecord record) {
        ConsentRecord.Recipient recipient = record.recipient();
        return Stream.of(new Term("issuer", issuer, record.issuer()),
                        new Term("verifier", verifier, record.verifier()),
                        new Term("documentType", documentType, record.documentType()),
                        new Term("purpose", purpose.strip(), record.purpose()),
                        new Term("validUntil", validUntil.getEpochSecond(), record.validUntil()),
                        new Term("language", language, record.language()),
                        new Term("recipient's name", recipientName, recipient == null ? null : recipient.name()),
                        new Term("recipient's contact", recipientContact, recipient == null ? null : recipient.contact()),
                        new Term("data categories", dataCategories, record.dataCategories()),
                        new Term("retention", retention, record.retention()))
                .filter(term -> term.asked() != null && !term.asked().equals(term.recorded()))
                .map(term -> term.name() + " (asked: " + term.asked() + ", recorded: " + term.recorded() + ")")
                .findFirst();
    }

    private record Term(String name, Object asked, Object recorded) {
    }
}
