package org.hashbridge.node.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashbridge.protocol.ConsentReceipt;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;

/**
 * A consent's ISO/IEC TS 27560 consent record, as its receipt states it: the record's terms, the controller (the
 * issuer, at home on this node) and the recipient, how it was collected, its events, and where the chain holds it.
 */
final class ConsentReceipts {

    private ConsentReceipts() {
    }

    /**
     * @param operator     this node's operator, who signs the receipt
     * @param jurisdiction this node's jurisdiction, the controller's
     */
    static ConsentReceipt of(Consent consent, String operator, String jurisdiction, Instant now) {
        ConsentRecord record = ConsentToken.decode(consent.token()).record();
        Optional<ConsentRecord.Recipient> recipient = Optional.ofNullable(record.recipient());
        String recipientJurisdiction = recipient.map(ConsentRecord.Recipient::jurisdiction).orElse(null);
        List<String> jurisdictions = recipientJurisdiction == null || recipientJurisdiction.equals(jurisdiction)
                ? List.of(jurisdiction) : List.of(jurisdiction, recipientJurisdiction);
        List<ConsentReceipt.Event> events = new ArrayList<>();
        consent.authorisedAt().ifPresent(at -> events.add(new ConsentReceipt.Event("GIVEN", at.toString())));
        consent.revokedAt().ifPresent(at -> events.add(new ConsentReceipt.Event("WITHDRAWN", at.toString())));
        return new ConsentReceipt(ConsentReceipt.VERSION, ConsentReceipt.SCHEMA, record.consentId(), record.subject(),
                new ConsentReceipt.Party("controller", record.issuer(), null, null, jurisdiction),
                new ConsentReceipt.Party("recipient", record.verifier(), recipient.map(ConsentRecord.Recipient::name).orElse(null),
                        recipient.map(ConsentRecord.Recipient::contact).orElse(null), recipientJurisdiction),
                List.of(new ConsentReceipt.Purpose(record.purpose(), record.documentType(), record.dataCategories(),
                        record.processing(), record.retention(), ConsentReceipt.Purpose.CONSENT_BASIS)),
                jurisdictions, record.residentSigned() ? ConsentRecord.RESIDENT_SIGNED : ConsentRecord.ASSISTED,
                record.residentKey(), record.withdrawal(), record.language(),
                Instant.ofEpochSecond(record.issuedAt()).toString(), record.validUntilInstant().toString(),
                ConsentView.of(consent, now).status().name(), events, consent.commitment().hex(),
                consent.chainId().orElse(null), consent.registry().orElse(null), consent.txHash().orElse(null), operator,
                now.toString());
    }
}
