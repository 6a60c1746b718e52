package org.hashbridge.node.verification;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.follow.ReadModel;
import org.hashbridge.node.config.NodeKeys;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.CheckStatus;
import org.hashbridge.protocol.CheckType;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.Receipt;
import org.hashbridge.protocol.Verdict;
import org.hashbridge.protocol.Voucher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a bank: checks a digest, its voucher and the resident's consent token against the registry as
 * this node's read model holds it, signs a receipt and stores the verification. The answer is returned only once it is
 * stored, so a database failure yields an error, never an unrecorded verdict.
 *
 * <p>Each answer counts in {@code hashbridge.verifications} by {@code verdict}, each of its checks in
 * {@code hashbridge.verification.checks} by {@code check} and {@code result}, and its time from the request's
 * reading to its storage in the timer {@code hashbridge.verification} (with histogram buckets): in memory, with
 * nothing read or written for them.
 */
@Service
public class VerificationService {

    /**
     * What a bank sends: the digest of its copy, the voucher and the consent token, and whether it accepts only a
     * consent the resident approved with their own key.
     */
    public record Request(String digest, String algorithm, Voucher voucher, String consent,
                          boolean requireResidentSignature) {

        /** A request that accepts a consent the home operator collected, as banks asked before resident keys. */
        public Request(String digest, String algorithm, Voucher voucher, String consent) {
            this(digest, algorithm, voucher, consent, false);
        }
    }

    private final VerificationRepository verifications;
    private final VerificationWriter writer;
    private final ChainChecks checks;
    private final RegistryChain chain;
    private final NodeKeys keys;
    private final NodeProperties node;
    private final JsonMapper json;
    private final Clock clock;
    private final Timer latency;
    private final Map<Verdict, Counter> verdicts = new EnumMap<>(Verdict.class);
    private final Map<CheckType, Map<CheckStatus, Counter>> checkResults = new EnumMap<>(CheckType.class);

    VerificationService(VerificationRepository verifications, VerificationWriter writer, RegistryChain chain,
                        ReadModel registry, NodeKeys keys, NodeProperties node, JsonMapper json, Clock clock,
                        VerificationProperties settings, MeterRegistry meters) {
        this.verifications = verifications;
        this.writer = writer;
        this.checks = new ChainChecks(chain, registry, settings.readGroups());
        this.chain = chain;
        this.keys = keys;
        this.node = node;
        this.json = json;
        this.clock = clock;
        this.latency = Timer.builder("hashbridge.verification").description("a verification, from its checks to its storage")
                .publishPercentileHistogram().register(meters);
        // every counter registered once here: an answer only increments, with no registry lookup on its way
        for (Verdict verdict : Verdict.values()) {
            verdicts.put(verdict, Counter.builder("hashbridge.verifications").tag("verdict", verdict.name()).register(meters));
        }
        for (CheckType type : CheckType.values()) {
            Map<CheckStatus, Counter> byStatus = new EnumMap<>(CheckStatus.class);
            for (CheckStatus status : CheckStatus.values()) {
                byStatus.put(status, Counter.builder("hashbridge.verification.checks").tag("check", type.name())
                        .tag("result", status.name()).register(meters));
            }
            checkResults.put(type, byStatus);
        }
    }

    /**
     * Not one transaction: the checks read the read model in a read-only transaction, and the verification is
     * stored with those of other requests in one transaction of the {@link VerificationWriter}.
     *
     * @throws NodeException {@code DATABASE_UNAVAILABLE} when the verification could not be stored: nothing is answered
     */
    public VerificationResult verify(Caller verifier, Request request) {
        long started = System.nanoTime();
        Digest digest = node.accepted(Digest.parse(request.algorithm(), request.digest()));
        if (request.voucher() == null) {
            throw InvalidInput.of("MALFORMED_VOUCHER", "voucher is missing");
        }
        ConsentToken consent = ConsentToken.decode(request.consent());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ChainChecks.Outcome outcome = checks.run(new InstitutionId(verifier.id()), digest, request.voucher(), consent, now,
                request.requireResidentSignature());
        List<Check> results = outcome.checks();
        Verdict verdict = Verdict.of(results);
        Receipt receipt = receipt(verifier, digest, request.voucher(), consent, verdict, outcome, now);
        String signed = keys.receiptSigner().sign(receipt);
        writer.store(new Verification(receipt, signed, json.writeValueAsString(results), now,
                consent.record().validUntilInstant()));
        count(verdict, results, System.nanoTime() - started);
        return new VerificationResult(UUID.fromString(receipt.verificationId()), verdict, results, signed, now);
    }

    private void count(Verdict verdict, List<Check> results, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        verdicts.get(verdict).increment();
        for (Check check : results) {
            checkResults.get(check.type()).get(check.status()).increment();
        }
    }

    @Transactional(readOnly = true)
    public VerificationResult find(Caller verifier, UUID verificationId) {
        Verification v = verifications.findByIdAndVerifier(verificationId, verifier.id())
                .orElseThrow(() -> VerificationNotFound.of(verificationId));
        List<Check> stored = List.of(json.readValue(v.checksJson(), Check[].class));
        return new VerificationResult(v.id(), Verdict.valueOf(v.verdict()), stored, v.receipt(), v.verifiedAt());
    }

    private Receipt receipt(Caller verifier, Digest digest, Voucher voucher, ConsentToken consent, Verdict verdict,
                            ChainChecks.Outcome outcome, Instant now) {
        return new Receipt(Receipt.VERSION, UUID.randomUUID().toString(), node.operator(), verifier.id(), verdict.name(),
                outcome.checks(), digest.algorithm().id(), digest.hex(), voucher.issuer(), voucher.documentType(),
                voucher.root(), voucher.leaf(), consent.commitment().hex(), chain.chainId(), chain.registryAddress(),
                outcome.block(), now.toString());
    }
}
