package org.hashbridge.node.consent;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How this node collects consents and what their records state when the resident's request does not say.
 *
 * @param assisted   whether a resident without a key of their own may consent through the operator alone (the
 *                   consent then says {@code ASSISTED}); false: 409 {@code RESIDENT_KEY_REQUIRED} until they register one
 * @param contact    how to reach this operator, for the consent's withdrawal text and the contact of a recipient this
 *                   node knows nothing of
 * @param recipients the verifiers' names, contacts and jurisdictions, by institution id
 * @param terms      the default terms, in each language a consent can be written in
 */
@Validated
@ConfigurationProperties("hashbridge.consent")
record ConsentProperties(Boolean assisted, String contact, List<Recipient> recipients, Languages terms) {

    /** A verifier as consents name it. @param jurisdiction optional: the registry says it otherwise */
    record Recipient(String id, String name, String contact, String jurisdiction) {
    }

    /** The default terms in English, Traditional Chinese (Hong Kong) and Simplified Chinese (mainland). */
    record Languages(Terms en, Terms zhHantHk, Terms zhHansCn) {
    }

    /**
     * What a consent states unless the request says otherwise.
     *
     * @param dataCategories the categories of data concerned
     * @param processing     how they are processed
     * @param retention      how long they are kept
     * @param withdrawal     how the resident withdraws consent and exercises their rights
     */
    record Terms(List<String> dataCategories, String processing, String retention, String withdrawal) {
    }

    ConsentProperties {
        assisted = assisted == null || assisted;
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /** The terms in {@code language} ({@code en}, {@code zh-Hant-HK}, {@code zh-Hans-CN}), English when it has none. */
    Terms terms(String language) {
        Terms chosen = terms == null ? null : switch (language) {
            case "zh-Hant-HK" -> terms.zhHantHk();
            case "zh-Hans-CN" -> terms.zhHansCn();
            default -> terms.en();
        };
        return chosen != null ? chosen : terms != null && terms.en() != null ? terms.en() : null;
    }

    Optional<Recipient> recipient(String id) {
        return recipients.stream().filter(r -> id.equals(r.id())).findFirst();
    }
}
