package org.hashbridge.node.consent;

import java.util.List;
import java.util.Optional;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.InstitutionOnChain;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.config.ChainWait;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.FreeText;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The terms a version 2 consent record states (PIPL Art. 39, ISO/IEC TS 27560): what the resident's request says,
 * else what {@code hashbridge.consent.*} says, in the language of the request or the node's first language. A
 * recipient this node knows nothing of is named by its id, with the operator's contact; its jurisdiction is the one
 * the registry registered it for (read from the chain, or from the node's copy of the registry while the chain cannot
 * be read).
 */
@Component
class ConsentTerms {

    private final ConsentProperties properties;
    private final NodeProperties node;
    private final RegistryChain chain;
    private final JdbcClient jdbc;
    private final ChainWait wait;

    ConsentTerms(ConsentProperties properties, NodeProperties node, RegistryChain chain, JdbcClient jdbc, ChainWait wait) {
        this.properties = properties;
        this.node = node;
        this.chain = chain;
        this.jdbc = jdbc;
        this.wait = wait;
    }

    /**
     * @throws InvalidInput {@code INVALID_CONSENT_TERMS} when a term of the request is not well formed
     * @throws NodeException {@code CHAIN_UNAVAILABLE} when the recipient's jurisdiction is nowhere to be read
     */
    ConsentView.Terms of(ConsentService.Grant grant, InstitutionId issuer, InstitutionId verifier) {
        String language = language(grant.language());
        ConsentProperties.Terms defaults = properties.terms(language);
        Optional<ConsentProperties.Recipient> configured = properties.recipient(verifier.value());
        configured.ifPresent(known -> requireAsConfigured(verifier, known, grant));
        String name = text(grant.recipientName(), configured.map(ConsentProperties.Recipient::name).orElse(verifier.value()),
                ConsentRecord.MAX_PURPOSE, "a recipient's name");
        String contact = text(grant.recipientContact(), configured.map(ConsentProperties.Recipient::contact)
                .orElse(properties.contact()), ConsentRecord.MAX_PURPOSE, "a recipient's contact");
        var recipient = new ConsentRecord.Recipient(name, contact, jurisdiction(issuer, verifier, configured));
        List<String> categories = grant.dataCategories() != null && !grant.dataCategories().isEmpty()
                ? grant.dataCategories().stream().map(c -> text(c, null, ConsentRecord.MAX_PURPOSE, "a category of data")).toList()
                : defaults == null ? null : defaults.dataCategories();
        return new ConsentView.Terms(recipient, categories, defaults == null ? null : defaults.processing(),
                text(grant.retention(), defaults == null ? null : defaults.retention(), ConsentRecord.MAX_TERMS,
                        "how long the data are kept"),
                defaults == null ? null : defaults.withdrawal(), language);
    }

    /**
     * A bank this node names in its configuration is named so, whoever asks: the resident's signature then binds the
     * operator's words about the recipient, never a requester's (who could name another bank than the one consented to).
     */
    private static void requireAsConfigured(InstitutionId verifier, ConsentProperties.Recipient known, ConsentService.Grant grant) {
        boolean otherName = grant.recipientName() != null && !grant.recipientName().strip().equals(known.name());
        boolean otherContact = grant.recipientContact() != null && known.contact() != null
                && !grant.recipientContact().strip().equals(known.contact());
        if (otherName || otherContact) {
            throw InvalidInput.of("INVALID_CONSENT_TERMS", verifier.value() + " is named '" + known.name()
                    + "' on this node, with its contact: a consent request may not name it otherwise");
        }
    }

    /** The language the record is written in: the request's ({@code zh-HK} taken as {@code zh-Hant-HK}) or the node's first. */
    String language(String requested) {
        String tag = requested == null || requested.isBlank() ? node.languages().get(0) : requested.strip();
        String language = switch (tag) {
            case "zh-HK", "zh-Hant", "zh-Hant-HK" -> "zh-Hant-HK";
            case "zh-CN", "zh-Hans", "zh-Hans-CN" -> "zh-Hans-CN";
            case "en" -> "en";
            default -> requested == null || requested.isBlank() ? "en" : tag;
        };
        if (!ConsentRecord.LANGUAGES.contains(language)) {
            throw InvalidInput.of("INVALID_CONSENT_TERMS", "language is one of " + ConsentRecord.LANGUAGES);
        }
        return language;
    }

    private String jurisdiction(InstitutionId issuer, InstitutionId verifier, Optional<ConsentProperties.Recipient> configured) {
        Optional<Optional<InstitutionOnChain>> read;
        try {
            read = wait.await(() -> chain.finalState().verifier(verifier.key()));
        } catch (ChainUnavailable e) {
            read = Optional.empty();
        }
        if (read.isPresent()) {
            return read.get().map(InstitutionOnChain::jurisdiction)
                    .orElseThrow(() -> ConsentRefused.unknownVerifier(verifier.value()));
        }
        // the chain cannot be read (in time): the registry as this node last followed it, or the configuration
        Optional<String> followed = jdbc.sql("select jurisdiction from chain_institution where kind = 'VERIFIER'"
                + " and institution = ?").param(verifier.key().hex()).query(String.class).optional();
        if (followed.isPresent()) {
            return followed.get();
        }
        return configured.map(ConsentProperties.Recipient::jurisdiction).filter(j -> j != null && !j.isBlank())
                .or(() -> verifier.namespace().equals(issuer.namespace()) ? Optional.of(node.jurisdiction()) : Optional.empty())
                .orElseThrow(NodeException::chainUnavailable);
    }

    private static String text(String requested, String otherwise, int max, String what) {
        if (requested == null || requested.isBlank()) {
            return otherwise;
        }
        return FreeText.strip(requested, max, "INVALID_CONSENT_TERMS", what);
    }
}
