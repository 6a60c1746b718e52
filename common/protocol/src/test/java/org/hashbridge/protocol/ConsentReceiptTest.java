package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentReceiptTest {

    private static final ReceiptSigner NODE = Fixtures.szSigner();

    private static ConsentReceipt receipt() {
        return new ConsentReceipt(ConsentReceipt.VERSION, ConsentReceipt.SCHEMA, "a0b57fe0-1645-4aba-acef-136917de1556",
                "4c".repeat(32), new ConsentReceipt.Party("controller", "hk.transunion", null, null, "HK"),
                new ConsentReceipt.Party("recipient", "cn.abc-shenzhen", "ABC Shenzhen", "dpo@abc.example", "SZ"),
                List.of(new ConsentReceipt.Purpose("consumer loan application", "credit-report", List.of("authenticity"),
                        "hashes compared", "as the law requires", ConsentReceipt.Purpose.CONSENT_BASIS)),
                List.of("HK", "SZ"), ConsentRecord.RESIDENT_SIGNED, "5b".repeat(32), "revoke on the resident page", "en",
                "2026-11-26T10:18:49Z", "2027-01-31T23:59:59Z", "AUTHORISED",
                List.of(new ConsentReceipt.Event("GIVEN", "2026-11-26T10:18:50Z")), "53".repeat(32), 31337L,
                "0x5FbDB2315678afecb367f032d93F642f64180aa3", "0x" + "7f".repeat(32), "hk", "2026-11-26T10:20:00Z");
    }

    private static ReceiptVerifier published() {
        return ReceiptVerifier.of(NODE.publicKeys());
    }

    @Test
    void aSignedConsentReceiptVerifiesWithTheNodesKeys() {
        assertThat(ConsentReceipt.verify(NODE.sign(receipt()), published())).isEqualTo(receipt());
    }

    @Test
    void aChangedByteOrAnotherKeyIsRefused() {
        String[] parts = NODE.sign(receipt()).split("\\.");
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        payload[10] ^= 1;
        String changed = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + parts[2];

        assertRefused(changed, published(), "RECEIPT_SIGNATURE_INVALID");
        assertRefused(NODE.sign(receipt()), ReceiptVerifier.of(ReceiptSigner.generate().publicKeys()), "UNKNOWN_RECEIPT_KEY");
    }

    @Test
    void aVerificationReceiptIsNoConsentReceiptNorTheOtherWayRound() {
        assertRefused(NODE.sign(Fixtures.receipt()), published(), "MALFORMED_CONSENT_RECEIPT");
        assertThatThrownBy(() -> published().verify(NODE.sign(receipt())))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("MALFORMED_RECEIPT"));
    }

    private static void assertRefused(String jws, ReceiptVerifier keys, String code) {
        assertThatThrownBy(() -> ConsentReceipt.verify(jws, keys))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
