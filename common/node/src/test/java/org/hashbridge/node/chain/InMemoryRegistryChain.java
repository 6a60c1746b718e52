package org.hashbridge.node.chain;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hashbridge.protocol.Hash32;

/**
 * A registry held in memory, for unit tests: the same rules as the contract (only active operators
 * write, an operator anchors and records consents only for issuers of its jurisdiction, revocation only
 * by the issuer's home operator), every write final at once, and block time from a clock.
 *
 * <p>Each instance writes as one operator account; {@link #as(String)} gives another account's view of
 * the same ledger, and {@link #registerOperator} plays governance. {@link #goDown()} makes every read
 * and write of every view fail with {@link ChainUnavailable}, as an unreachable chain does.
 */
public final class InMemoryRegistryChain implements RegistryChain, RegistryState {

    public static final long CHAIN_ID = ChainSettings.ANVIL_CHAIN_ID;
    /** Where anvil puts the first contract the dev governance account deploys. */
    public static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    private final Ledger ledger;
    private final String account;

    private InMemoryRegistryChain(Ledger ledger, String account) {
        this.ledger = ledger;
        this.account = account;
    }

    /** An empty registry; this instance writes as {@code operatorAccount}, not yet registered. */
    public static InMemoryRegistryChain create(String operatorAccount, Clock clock) {
        return new InMemoryRegistryChain(new Ledger(clock), operatorAccount);
    }

    /** The same ledger, written to as {@code operatorAccount}. */
    public InMemoryRegistryChain as(String operatorAccount) {
        return new InMemoryRegistryChain(ledger, operatorAccount);
    }

    /** Governance admits, moves or re-activates an operator account. */
    public void registerOperator(String account, String jurisdiction) {
        ledger.operators.put(key(account), new OperatorOnChain(jurisdiction, true));
    }

    /** Governance stops an operator from writing; it keeps its jurisdiction. */
    public void deactivateOperator(String account) {
        OperatorOnChain operator = ledger.operators.get(key(account));
        ledger.operators.put(key(account), new OperatorOnChain(operator.jurisdiction(), false));
    }

    /** The issuer's home operator suspends ({@code false}) or reinstates it, as the contract's setIssuerActive. */
    public ChainWrite setIssuerActive(Hash32 issuer, boolean active) {
        requireHomeOperator("setIssuerActive", issuer);
        ledger.issuers.put(issuer, new InstitutionOnChain(ledger.issuers.get(issuer).jurisdiction(), active));
        return ledger.mine();
    }

    /** From now on every call of every view fails as if the chain were unreachable. */
    public void goDown() {
        ledger.down = true;
    }

    public void comeBack() {
        ledger.down = false;
    }

    /** Only calls to these {@link RegistryChain} methods fail, as with a chain that drops some requests. */
    public void failOnly(String... methods) {
        ledger.failing.clear();
        ledger.failing.addAll(List.of(methods));
    }

    @Override
    public long chainId() {
        return CHAIN_ID;
    }

    @Override
    public String registryAddress() {
        return REGISTRY;
    }

    @Override
    public String operatorAddress() {
        return account;
    }

    @Override
    public ChainWrite registerIssuer(Hash32 issuer) {
        reach("registerIssuer");
        return register("registerIssuer", ledger.issuers, issuer, "IssuerAlreadyRegistered");
    }

    @Override
    public ChainWrite anchorRoot(Hash32 issuer, Hash32 root, int leafCount) {
        if (leafCount < 0) {
            throw new IllegalArgumentException("leafCount must not be negative");
        }
        reach("anchorRoot");
        requireHomeOperator("anchorRoot", issuer);
        if (leafCount == 0) {
            throw ChainRejected.beforeSending("anchorRoot", "InvalidArgument");
        }
        if (ledger.anchors.containsKey(root)) {
            throw ChainRejected.beforeSending("anchorRoot", "RootAlreadyAnchored");
        }
        ChainWrite write = ledger.mine();
        ledger.anchors.put(root, new AnchorOnChain(issuer, account, write.blockTime(), leafCount));
        ledger.anchorWrites.put(root, write);
        return write;
    }

    @Override
    public ChainWrite revokeLeaf(Hash32 root, Hash32 leaf) {
        reach("revokeLeaf");
        AnchorOnChain anchor = ledger.anchors.get(root);
        if (anchor == null) {
            throw ChainRejected.beforeSending("revokeLeaf", "UnknownRoot");
        }
        requireHomeOperator("revokeLeaf", anchor.issuer());
        if (ledger.revokedAt.containsKey(leaf)) {
            throw ChainRejected.beforeSending("revokeLeaf", "LeafAlreadyRevoked");
        }
        ChainWrite write = ledger.mine();
        ledger.revokedAt.put(leaf, write.blockTime());
        return write;
    }

    @Override
    public ChainWrite recordConsent(Hash32 commitment, Hash32 issuer, Instant validUntil) {
        reach("recordConsent");
        requireHomeOperator("recordConsent", issuer);
        if (!validUntil.isAfter(ledger.now())) {
            throw ChainRejected.beforeSending("recordConsent", "InvalidArgument");
        }
        if (ledger.consents.containsKey(commitment)) {
            throw ChainRejected.beforeSending("recordConsent", "ConsentAlreadyRecorded");
        }
        ChainWrite write = ledger.mine();
        ledger.consents.put(commitment, new ConsentOnChain(issuer, account, validUntil.truncatedTo(ChronoUnit.SECONDS),
                write.blockTime(), ConsentOnChain.Status.AUTHORISED));
        return write;
    }

    @Override
    public ChainWrite revokeConsent(Hash32 commitment) {
        reach("revokeConsent");
        ConsentOnChain consent = ledger.consents.get(commitment);
        if (consent == null) {
            throw ChainRejected.beforeSending("revokeConsent", "UnknownConsent");
        }
        requireHomeOperator("revokeConsent", consent.issuer());
        if (consent.status() != ConsentOnChain.Status.AUTHORISED) {
            throw ChainRejected.beforeSending("revokeConsent", "ConsentNotAuthorised");
        }
        ChainWrite write = ledger.mine();
        ledger.consents.put(commitment, new ConsentOnChain(consent.issuer(), consent.operator(), consent.validUntil(),
                write.blockTime(), ConsentOnChain.Status.REVOKED));
        return write;
    }

    @Override
    public ChainWrite recordAccess(Hash32 commitment, Hash32 verifier, Hash32 receipt, boolean verified) {
        reach("recordAccess");
        return recordAll("recordAccess", List.of(new AccessRecord(commitment, verifier, receipt, verified)));
    }

    @Override
    public ChainWrite recordAccesses(List<AccessRecord> accesses) {
        reach("recordAccesses");
        return recordAll("recordAccesses", accesses);
    }

    /** All or nothing, as the contract: every access is checked before any is recorded. */
    private ChainWrite recordAll(String function, List<AccessRecord> accesses) {
        OperatorOnChain operator = activeOperator(function);
        for (AccessRecord a : accesses) {
            if (!ledger.consents.containsKey(a.commitment())) {
                throw ChainRejected.beforeSending(function, "UnknownConsent");
            }
            InstitutionOnChain registered = ledger.verifiers.get(a.verifier());
            if (registered == null) {
                throw ChainRejected.beforeSending(function, "UnknownVerifier");
            }
            if (!registered.jurisdiction().equals(operator.jurisdiction())) {
                throw ChainRejected.beforeSending(function, "ForeignJurisdiction");
            }
        }
        ChainWrite write = ledger.mine();
        accesses.forEach(a -> ledger.accesses.computeIfAbsent(a.commitment(), c -> new ArrayList<>())
                .add(new AccessOnChain(a.verifier(), a.receipt(), a.verified(), write.blockTime(), write.txHash())));
        return write;
    }

    @Override
    public List<AccessOnChain> accesses(Hash32 commitment) {
        reach("accesses");
        return List.copyOf(ledger.accesses.getOrDefault(commitment, List.of()));
    }

    @Override
    public Optional<ChainWrite> anchorWrite(Hash32 root) {
        reach("anchorWrite");
        return Optional.ofNullable(ledger.anchorWrites.get(root));
    }

    /** The fake's state changes only when the test writes, so the live view is as good as a pinned one. */
    @Override
    public RegistryState finalState() {
        reach("finalState");
        return this;
    }

    @Override
    public long block() {
        reach("block");
        return ledger.blocks;
    }

    @Override
    public Optional<AnchorOnChain> anchor(Hash32 root) {
        reach("anchor");
        return Optional.ofNullable(ledger.anchors.get(root));
    }

    @Override
    public Optional<Instant> leafRevokedAt(Hash32 leaf) {
        reach("leafRevokedAt");
        return Optional.ofNullable(ledger.revokedAt.get(leaf));
    }

    @Override
    public Optional<InstitutionOnChain> issuer(Hash32 issuer) {
        reach("issuer");
        return Optional.ofNullable(ledger.issuers.get(issuer));
    }

    @Override
    public ChainWrite registerVerifier(Hash32 verifier) {
        reach("registerVerifier");
        return register("registerVerifier", ledger.verifiers, verifier, "VerifierAlreadyRegistered");
    }

    /** An issuer or a verifier, in the sending operator's jurisdiction, as the contract registers both. */
    private ChainWrite register(String function, Map<Hash32, InstitutionOnChain> registry, Hash32 key, String already) {
        OperatorOnChain operator = activeOperator(function);
        if (registry.containsKey(key)) {
            throw ChainRejected.beforeSending(function, already);
        }
        registry.put(key, new InstitutionOnChain(operator.jurisdiction(), true));
        return ledger.mine();
    }

    @Override
    public Optional<InstitutionOnChain> verifier(Hash32 verifier) {
        reach("verifier");
        return Optional.ofNullable(ledger.verifiers.get(verifier));
    }

    @Override
    public Optional<OperatorOnChain> operator(String address) {
        if (!address.matches("0[xX][0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("not a 20-byte hex address");
        }
        reach("operator");
        return Optional.ofNullable(ledger.operators.get(key(address)));
    }

    @Override
    public Optional<ConsentOnChain> consent(Hash32 commitment) {
        reach("consent");
        return Optional.ofNullable(ledger.consents.get(commitment));
    }

    private void reach(String method) {
        if (ledger.down || ledger.failing.contains(method)) {
            throw ChainUnavailable.io(method, new ConnectException("Connection refused"));
        }
    }

    private OperatorOnChain activeOperator(String function) {
        OperatorOnChain operator = ledger.operators.get(key(account));
        if (operator == null || !operator.active()) {
            throw ChainRejected.beforeSending(function, "NotAnOperator");
        }
        return operator;
    }

    private void requireHomeOperator(String function, Hash32 issuer) {
        OperatorOnChain operator = activeOperator(function);
        InstitutionOnChain registered = ledger.issuers.get(issuer);
        if (registered == null) {
            throw ChainRejected.beforeSending(function, "UnknownIssuer");
        }
        if (!registered.jurisdiction().equals(operator.jurisdiction())) {
            throw ChainRejected.beforeSending(function, "ForeignJurisdiction");
        }
    }

    private static String key(String address) {
        return Objects.requireNonNull(address, "address").toLowerCase(Locale.ROOT);
    }

    /** The state every view of one registry shares. */
    private static final class Ledger {
        final Clock clock;
        final Map<String, OperatorOnChain> operators = new HashMap<>();
        final Map<Hash32, InstitutionOnChain> issuers = new HashMap<>();
        final Map<Hash32, InstitutionOnChain> verifiers = new HashMap<>();
        final Map<Hash32, AnchorOnChain> anchors = new HashMap<>();
        final Map<Hash32, ChainWrite> anchorWrites = new HashMap<>();
        final Map<Hash32, Instant> revokedAt = new HashMap<>();
        final Map<Hash32, ConsentOnChain> consents = new HashMap<>();
        final Map<Hash32, List<AccessOnChain>> accesses = new HashMap<>();
        final Set<String> failing = new HashSet<>();
        long blocks;
        volatile boolean down;

        Ledger(Clock clock) {
            this.clock = clock;
        }

        Instant now() {
            return clock.instant().truncatedTo(ChronoUnit.SECONDS);
        }

        ChainWrite mine() {
            blocks++;
            return new ChainWrite(String.format("0x%064x", blocks), blocks, now());
        }
    }
}
