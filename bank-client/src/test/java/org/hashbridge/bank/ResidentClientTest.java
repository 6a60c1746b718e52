package org.hashbridge.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hashbridge.protocol.ConsentReceipt;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ReceiptSigner;
import org.hashbridge.protocol.ReceiptVerifier;
import org.hashbridge.protocol.ResidentChallenges;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SoftwareAuthenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResidentClientTest {

    private static final Instant VALID_UNTIL = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    private final SoftwareAuthenticator key = SoftwareAuthenticator.generate();
    private FakeHomeNode node;
    private ResidentClient resident;

    @BeforeEach
    void startNode() throws IOException {
        node = FakeHomeNode.start();
        resident = new ResidentClient(node.uri(), Fixtures.RESIDENT_CREDENTIAL);
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void aFirstKeyIsBoundWithItsProofOfPossession() {
        KeyRegistration registration = resident.registerKey(key, null);

        assertThat(registration.bound()).isTrue();
        assertThat(registration.keyHash()).isEqualTo(key.key().hash());
        assertThat(node.boundKey()).isEqualTo(key.key().hash());
        assertThat(resident.key().keyHash()).contains(key.key().hash());
        assertThat(resident.key().nonce()).isEqualTo(1);
    }

    @Test
    void aBoundKeyIsReplacedOnlyWithItsOwnApproval() {
        resident.registerKey(key, null);
        SoftwareAuthenticator next = SoftwareAuthenticator.generate();

        assertThatThrownBy(() -> resident.registerKey(next, null)).isInstanceOfSatisfying(NodeProblem.class,
                problem -> assertThat(problem.code()).isEqualTo("RESIDENT_KEY_BOUND"));
        assertThatThrownBy(() -> resident.registerKey(next, SoftwareAuthenticator.generate()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("RESIDENT_KEY_MISMATCH"));
        assertThat(node.boundKey()).isEqualTo(key.key().hash());

        KeyRegistration replaced = resident.registerKey(next, key);

        assertThat(replaced.keyHash()).isEqualTo(next.key().hash());
        assertThat(node.boundKey()).isEqualTo(next.key().hash());
        assertThat(resident.key().nonce()).isEqualTo(2);
    }

    @Test
    void anOldKeyGivenWhenNoneIsBoundIsRefusedBeforeAnythingIsSigned() {
        assertThatThrownBy(() -> resident.registerKey(key, SoftwareAuthenticator.generate()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("RESIDENT_KEY_MISMATCH"));
        assertThat(node.boundKey()).isNull();
    }

    @Test
    void aRecoveryTheHomeOperatorStartedIsCancelledWithTheBoundKeyOnly() {
        resident.registerKey(key, null);
        Hash32 operatorsKey = SoftwareAuthenticator.generate().key().hash();
        node.startRecovery(operatorsKey);
        assertThat(resident.key().pendingKey()).contains(operatorsKey);
        assertThat(resident.key().recoverableAt()).isPresent();

        assertThatThrownBy(() -> resident.cancelRecovery(SoftwareAuthenticator.generate()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("RESIDENT_KEY_MISMATCH"));
        ResidentKeyState cancelled = resident.cancelRecovery(key);

        assertThat(cancelled.pendingKey()).isEmpty();
        assertThat(cancelled.keyHash()).contains(key.key().hash());
        assertThatThrownBy(() -> resident.cancelRecovery(key))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("NO_RECOVERY_PENDING"));
    }

    @Test
    void theConsentAskedForIsApprovedWithTheKeyAndItsTokenCarriesTheApproval() {
        resident.registerKey(key, null);

        ResidentConsent consent = resident.consent(loanConsent().withLanguage("zh-Hant-HK"), key);

        assertThat(consent.status()).isEqualTo(ResidentConsent.AUTHORISED);
        ConsentToken token = ConsentToken.decode(consent.token().encode());
        assertThat(token.record().verifier()).isEqualTo(Fixtures.VERIFIER);
        assertThat(token.record().validUntil()).isEqualTo(VALID_UNTIL.getEpochSecond());
        assertThat(token.record().language()).isEqualTo("zh-Hant-HK");
        assertThat(token.record().residentKey()).isEqualTo(key.key().hash().hex());
        assertThat(token.approval().key()).isEqualTo(key.key());
        token.approval().verify(token.approvalChallenge());
        assertThat(node.approvals()).hasSize(1);
    }

    /** Without its key bound, the node would record the consent at once as one it collected: it is not asked. */
    @Test
    void aConsentWithAKeyThatIsNotTheBoundOneIsNotAskedFor() {
        assertThatThrownBy(() -> resident.consent(loanConsent(), key))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("RESIDENT_KEY_MISMATCH"));
        resident.registerKey(key, null);
        assertThatThrownBy(() -> resident.consent(loanConsent(), SoftwareAuthenticator.generate()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("RESIDENT_KEY_MISMATCH"));

        assertThat(node.grants()).isZero();
        assertThat(node.approvals()).isEmpty();
    }

    /** A node that asks the key to sign anything but this consent's approval gets no signature: nothing is sent. */
    @Test
    void aChallengeThatIsNotTheApprovalOfTheReturnedRecordIsRefusedAndNothingIsSigned() {
        resident.registerKey(key, null);
        ConsentToken another = ConsentToken.decode(Fixtures.consentToken());
        var state = resident.key();
        for (var challenge : List.of(another.approvalChallenge(),
                ResidentChallenges.consentRevocation(another.commitment()),
                ResidentChallenges.keyReplacement(state.chainId(), state.registryAddress(), state.jurisdictionWord(),
                        state.binding(), SoftwareAuthenticator.generate().key().hash(), state.nonce()))) {
            node.askToSign(challenge);

            assertThatThrownBy(() -> resident.consent(loanConsent(), key)).isInstanceOfSatisfying(NodeProblem.class,
                    problem -> assertThat(problem.code()).isEqualTo(NodeProblem.UNEXPECTED_CHALLENGE));
        }
        assertThat(node.approvals()).isEmpty();
    }

    @Test
    void aRecordOtherThanTheOneAskedForIsRefusedAndNothingIsSigned() {
        resident.registerKey(key, null);
        List<java.util.function.UnaryOperator<ConsentRecord>> rewrites = List.of(
                r -> copy(r, "hk.fusion-bank", r.validUntil(), r.collection(), r.residentKey()),
                r -> copy(r, r.verifier(), r.validUntil() + 365 * 86400, r.collection(), r.residentKey()),
                r -> copy(r, r.verifier(), r.validUntil(), ConsentRecord.ASSISTED, null),
                r -> copy(r, r.verifier(), r.validUntil(), r.collection(), SoftwareAuthenticator.generate().key().hash().hex()));
        for (var rewrite : rewrites) {
            node.rewriteConsents(rewrite);

            assertThatThrownBy(() -> resident.consent(loanConsent(), key)).isInstanceOfSatisfying(NodeProblem.class,
                    problem -> assertThat(problem.code()).isEqualTo(NodeProblem.UNEXPECTED_CONSENT));
        }
        assertThat(node.approvals()).isEmpty();
    }

    @Test
    void termsTheResidentNamedMustBeTheRecordsTermsTermsLeftOutAreTheNodes() {
        resident.registerKey(key, null);
        node.rewriteConsents(r -> new ConsentRecord(r.version(), r.consentId(), r.subject(), r.issuer(), r.verifier(),
                r.documentType(), r.purpose(), r.issuedAt(), r.validUntil(), r.jurisdiction(), r.recipient(),
                List.of("credit report", "income"), r.processing(), r.retention(), r.withdrawal(), r.language(),
                r.collection(), r.residentKey()));

        assertThat(resident.consent(loanConsent(), key).token().record().dataCategories())
                .containsExactly("credit report", "income");
        assertThatThrownBy(() -> resident.consent(loanConsent().withData(List.of("credit report"), null), key))
                .isInstanceOfSatisfying(NodeProblem.class, problem -> assertThat(problem.detail()).contains("data categories"));
        assertThat(node.approvals()).hasSize(1);
    }

    @Test
    void aRevocationIsSignedOverTheConsentsOwnCommitment() {
        resident.registerKey(key, null);
        ResidentConsent consent = resident.consent(loanConsent(), key);

        ResidentConsent revoked = resident.revoke(consent.consentId(), key);

        assertThat(revoked.status()).isEqualTo(ResidentConsent.REVOKED);
        assertThat(revoked.token().commitment()).isEqualTo(consent.token().commitment());
        assertThat(node.approvals()).hasSize(2);
    }

    @Test
    void aRevocationChallengeThatIsNotThisConsentsIsRefusedAndNothingIsSigned() {
        resident.registerKey(key, null);
        ResidentConsent consent = resident.consent(loanConsent(), key);
        node.askToSign(ConsentToken.of(consent.token().record(), Salt.random()).approvalChallenge());

        assertThatThrownBy(() -> resident.revoke(consent.consentId(), key)).isInstanceOfSatisfying(NodeProblem.class,
                problem -> assertThat(problem.code()).isEqualTo(NodeProblem.UNEXPECTED_CHALLENGE));
        assertThat(node.approvals()).hasSize(1);
    }

    @Test
    void theConsentReceiptIsCheckedAgainstTheNodesPublishedKeys() {
        resident.registerKey(key, null);
        ResidentConsent consent = resident.consent(loanConsent(), key);

        ResidentReceipt receipt = resident.receipt(consent.consentId());

        assertThat(receipt.receipt().recordId()).isEqualTo(consent.consentId());
        assertThat(receipt.receipt().collectionMethod()).isEqualTo(ConsentRecord.RESIDENT_SIGNED);
        assertThat(receipt.receipt().residentKey()).isEqualTo(key.key().hash().hex());
        assertThat(receipt.receipt().commitment()).isEqualTo(consent.token().commitment().hex());
        assertThat(ConsentReceipt.verify(receipt.jws(), ReceiptVerifier.of(HashBridgeClient.withoutApiKey(node.uri()).receiptKeys())))
                .isEqualTo(receipt.receipt());
    }

    @Test
    void aReceiptSignedWithAKeyTheNodeDoesNotPublishOrOfAnotherConsentIsRefused() {
        resident.registerKey(key, null);
        ResidentConsent first = resident.consent(loanConsent(), key);
        ResidentConsent second = resident.consent(loanConsent(), key);
        node.answerReceiptsOf(first.consentId());

        assertThatThrownBy(() -> resident.receipt(second.consentId())).isInstanceOfSatisfying(NodeProblem.class,
                problem -> assertThat(problem.code()).isEqualTo(NodeProblem.MALFORMED_ANSWER));

        node.answerReceiptsOf(null);
        node.signReceiptsWith(ReceiptSigner.generate());

        assertThatThrownBy(() -> resident.receipt(first.consentId())).isInstanceOfSatisfying(NodeProblem.class,
                problem -> assertThat(problem.code()).isEqualTo("UNKNOWN_RECEIPT_KEY"));
    }

    @Test
    void aWrongCredentialIsTheNodesRefusal() {
        ResidentClient stranger = new ResidentClient(node.uri(), "hbr_someone-else");

        assertThatThrownBy(stranger::key).isInstanceOfSatisfying(NodeProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(401);
            assertThat(problem.code()).isEqualTo("UNAUTHENTICATED");
        });
    }

    @Test
    void aCredentialWithSpacesIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> new ResidentClient(node.uri(), "hbr_ two words"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ConsentRequest loanConsent() {
        return ConsentRequest.of(Fixtures.RESIDENT_ID, Fixtures.ISSUER, Fixtures.VERIFIER, Fixtures.DOCUMENT_TYPE,
                "consumer loan application", VALID_UNTIL);
    }

    private static ConsentRecord copy(ConsentRecord r, String verifier, long validUntil, String collection, String residentKey) {
        return new ConsentRecord(r.version(), r.consentId(), r.subject(), r.issuer(), verifier, r.documentType(),
                r.purpose(), r.issuedAt(), validUntil, r.jurisdiction(), r.recipient(), r.dataCategories(), r.processing(),
                r.retention(), r.withdrawal(), r.language(), collection, residentKey);
    }
}
