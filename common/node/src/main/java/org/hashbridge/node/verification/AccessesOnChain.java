package org.hashbridge.node.verification;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.config.ChainLossAudit;
import org.hashbridge.node.config.ChainProperties;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notices a chain that lost accesses this node recorded and has them recorded again ({@link ChainLossAudit}):
 * every recorded access the chain does not hold is PENDING again, and {@link AccessRecorder} records it again
 * once its consent is back on chain (the consent's home node writes it again); the registry records each
 * verifier's receipt once, so nothing is recorded twice. An access whose consent cannot come back (its end has
 * passed) is lost for good. Reported on {@code /actuator/health} as {@code accessesOnChain}: OUT_OF_SERVICE while
 * accesses are missing, with the count of those lost for good.
 */
@Component("accessesOnChain")
class AccessesOnChain extends ChainLossAudit<Verification> {

    private static final Verification.AccessStatus RECORDED = Verification.AccessStatus.RECORDED;

    private final VerificationRepository verifications;

    AccessesOnChain(VerificationRepository verifications, RegistryChain chain, ChainProperties chainProperties,
                    TransactionTemplate transactions, Clock clock) {
        super("accesses", chain, chainProperties, transactions, clock);
        this.verifications = verifications;
    }

    @Override
    protected List<Verification> newest() {
        return verifications.findFirst2ByAccessStatusAndAccessChainIdAndAccessRegistryIgnoreCaseAndAccessBlockNotNullOrderByAccessBlockDesc(
                RECORDED, chain.chainId(), chain.registryAddress());
    }

    @Override
    protected long block(Verification access) {
        return access.accessBlock().orElseThrow();
    }

    @Override
    protected boolean onChain(RegistryState state, Verification access) {
        return state.accessRecorded(verifierKey(access), AccessRecorder.receiptHash(access.receipt()));
    }

    /**
     * Consent by consent (the registry takes at most 1,100 accesses of one), every recorded access missing from
     * the consent's accesses on chain goes back to the outbox. One recorded by an attempt the registry only told
     * of has no block here: it is taken as final.
     */
    @Override
    protected int putBack(RegistryState state, boolean chainWentBack, Instant now) {
        List<String> commitments = transactions.execute(status -> verifications.findCommitmentsWith(RECORDED,
                chain.chainId(), chain.registryAddress()));
        int lost = 0;
        for (String commitment : commitments) {
            List<Verification> recorded = transactions.execute(status -> verifications
                    .findByConsentCommitmentAndAccessStatusAndAccessChainIdAndAccessRegistryIgnoreCase(commitment, RECORDED,
                            chain.chainId(), chain.registryAddress()));
            Set<List<Hash32>> onChain = chain.accesses(Hash32.fromHex(commitment)).stream()
                    .map(access -> List.of(access.verifier(), access.receipt())).collect(Collectors.toSet());
            for (Verification access : recorded) {
                boolean readable = access.accessBlock().map(block -> readable(block, state, chainWentBack)).orElse(true);
                if (readable && !onChain.contains(List.of(verifierKey(access), AccessRecorder.receiptHash(access.receipt())))
                        && changeAlone(() -> lost(access.id(), now))) {
                    lost++;
                }
            }
        }
        return lost;
    }

    private boolean lost(UUID verificationId, Instant now) {
        Verification access = verifications.findById(verificationId).orElseThrow();
        if (access.accessStatus() != RECORDED) {
            return false;
        }
        access.accessLost(now);
        return true;
    }

    @Override
    protected Losses losses() {
        return new Losses(verifications.countByAccessLostAtIsNotNullAndAccessStatus(Verification.AccessStatus.PENDING),
                "accesses this node recorded; each is recorded again once its consent is on chain again",
                verifications.countByAccessRewrittenAtIsNotNull(), new SetAside("accessesNotWritable", verifications
                .countByAccessLostAtIsNotNullAndAccessStatus(Verification.AccessStatus.SKIPPED), "notWritableReason",
                "their consent is not on chain and its end has passed: the registry records no consent past its end,"
                + " so no access to it either"));
    }

    private static Hash32 verifierKey(Verification access) {
        return new InstitutionId(access.verifier()).key();
    }
}
