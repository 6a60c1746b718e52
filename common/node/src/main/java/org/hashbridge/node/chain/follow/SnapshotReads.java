package org.hashbridge.node.chain.follow;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.hashbridge.node.chain.AnchorOnChain;
import org.hashbridge.node.chain.ConsentOnChain;
import org.hashbridge.node.chain.InstitutionOnChain;
import org.hashbridge.node.chain.OperatorOnChain;
import org.hashbridge.node.chain.RegistryEvent;
import org.hashbridge.node.chain.RegistrySnapshot;
import org.hashbridge.node.chain.ResidentKeyOnChain;
import org.hashbridge.protocol.Hash32;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The registry's records from the read model's tables, as of the checkpoint's block. Use it only inside
 * the repeatable-read transaction that read that checkpoint: the follower commits each range with its
 * checkpoint, so every read of that transaction sees the same block, and an anchor or an issuer two checks
 * need is read once.
 */
final class SnapshotReads implements RegistrySnapshot {

    private static final Pattern JURISDICTION = Pattern.compile("[A-Z0-9]{1,32}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private final JdbcTemplate jdbc;
    private final long block;
    private final Map<List<Object>, Object> answers = new HashMap<>();

    SnapshotReads(JdbcTemplate jdbc, long block) {
        this.jdbc = jdbc;
        this.block = block;
    }

    @Override
    public long block() {
        return block;
    }

    @Override
    public Optional<AnchorOnChain> anchor(Hash32 issuer, Hash32 root) {
        return once(List.of("anchor", hex(issuer, "issuer"), hex(root, "root")), () -> jdbc.query(
                "select a.issuer, a.operator, a.anchored_at, a.leaf_count, r.revoked_at from chain_anchor a"
                        + " left join chain_root_revocation r on r.issuer = a.issuer and r.root = a.root"
                        + " where a.issuer = ? and a.root = ?",
                (rs, row) -> new AnchorOnChain(Hash32.fromHex(rs.getString("issuer")), rs.getString("operator"),
                        ReadModelStore.instant(rs, "anchored_at").orElseThrow(), rs.getLong("leaf_count"),
                        ReadModelStore.instant(rs, "revoked_at")),
                hex(issuer, "issuer"), hex(root, "root")).stream().findFirst());
    }

    @Override
    public Optional<Instant> leafRevokedAt(Hash32 issuer, Hash32 root, Hash32 leaf) {
        return jdbc.query("select revoked_at from chain_leaf_revocation where issuer = ? and root = ? and leaf = ?",
                (rs, row) -> ReadModelStore.instant(rs, "revoked_at").orElseThrow(),
                hex(issuer, "issuer"), hex(root, "root"), hex(leaf, "leaf")).stream().findFirst();
    }

    @Override
    public Optional<String> namespace(String jurisdiction) {
        requireJurisdiction(jurisdiction);
        return jdbc.queryForList("select namespace from chain_jurisdiction where jurisdiction = ?", String.class, jurisdiction)
                .stream().findFirst();
    }

    @Override
    public Optional<InstitutionOnChain> issuer(Hash32 issuer) {
        String key = hex(issuer, "issuer");
        return once(List.of("issuer", key), () -> institution(RegistryEvent.Kind.ISSUER, key));
    }

    @Override
    public Optional<InstitutionOnChain> verifier(Hash32 verifier) {
        return institution(RegistryEvent.Kind.VERIFIER, hex(verifier, "verifier"));
    }

    /** Active since its registration unless its latest status change says otherwise. */
    private Optional<InstitutionOnChain> institution(RegistryEvent.Kind kind, String key) {
        return jdbc.query("select i.jurisdiction, coalesce((select s.active from chain_institution_status s"
                        + " where s.kind = i.kind and s.institution = i.institution"
                        + " order by s.block_number desc, s.log_index desc limit 1), true) as active"
                        + " from chain_institution i where i.kind = ? and i.institution = ?",
                (rs, row) -> new InstitutionOnChain(rs.getString("jurisdiction"), rs.getBoolean("active")),
                kind.name(), key).stream().findFirst();
    }

    /** Its jurisdiction is the one it was registered for (never another); active per its latest change. */
    @Override
    public Optional<OperatorOnChain> operator(String address) {
        if (address == null || !ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("not a 20-byte hex address");
        }
        return jdbc.query("select (select jurisdiction from chain_operator_change where account = c.account"
                        + " and jurisdiction is not null limit 1) as jurisdiction, c.active from chain_operator_change c"
                        + " where c.account = ? order by c.block_number desc, c.log_index desc limit 1",
                (rs, row) -> new OperatorOnChain(rs.getString("jurisdiction"), rs.getBoolean("active")),
                Projection.account(address)).stream().findFirst();
    }

    /** Its last change is its revocation, when it was revoked, else its recording. */
    @Override
    public Optional<ConsentOnChain> consent(Hash32 commitment) {
        return jdbc.query("select c.issuer, c.verifier, c.operator, c.valid_until, c.recorded_at, r.revoked_at"
                        + " from chain_consent c left join chain_consent_revocation r on r.commitment = c.commitment"
                        + " where c.commitment = ?",
                (rs, row) -> {
                    Optional<Instant> revokedAt = ReadModelStore.instant(rs, "revoked_at");
                    return new ConsentOnChain(Hash32.fromHex(rs.getString("issuer")), Hash32.fromHex(rs.getString("verifier")),
                            rs.getString("operator"), Instant.ofEpochSecond(rs.getLong("valid_until")),
                            revokedAt.orElse(ReadModelStore.instant(rs, "recorded_at").orElseThrow()),
                            revokedAt.isPresent() ? ConsentOnChain.Status.REVOKED : ConsentOnChain.Status.AUTHORISED);
                },
                hex(commitment, "commitment")).stream().findFirst();
    }

    /**
     * The binding's changes applied in chain order, as the registry applied them: a bound key ends any pending
     * recovery, a cancellation ends it, and each change moves the nonce on by one.
     */
    @Override
    public Optional<ResidentKeyOnChain> residentKey(String jurisdiction, Hash32 binding) {
        requireJurisdiction(jurisdiction);
        List<ResidentKeyChange> changes = jdbc.query("select change, key_hash, how, recoverable_at, changed_at"
                        + " from chain_resident_key where jurisdiction = ? and binding = ? order by block_number, log_index",
                (rs, row) -> new ResidentKeyChange(rs.getString("change"), Hash32.fromHex(rs.getString("key_hash")),
                        rs.getInt("how"), ReadModelStore.instant(rs, "recoverable_at"),
                        ReadModelStore.instant(rs, "changed_at").orElseThrow()),
                jurisdiction, hex(binding, "binding"));
        ResidentKeyOnChain key = null;
        long nonce = 0;
        for (ResidentKeyChange change : changes) {
            nonce++;
            key = change.applyTo(key, nonce);
        }
        return Optional.ofNullable(key);
    }

    /** One row of {@code chain_resident_key}. */
    private record ResidentKeyChange(String change, Hash32 keyHash, int how, Optional<Instant> recoverableAt,
                                     Instant changedAt) {

        /** The key after this change, the nonce moved on to {@code nonce}; {@code before} is null before the first. */
        ResidentKeyOnChain applyTo(ResidentKeyOnChain before, long nonce) {
            if (change.equals("BOUND")) {
                return new ResidentKeyOnChain(keyHash, nonce, Optional.empty(), Optional.empty(), changedAt, how);
            }
            if (before == null) {
                throw new IllegalStateException("a recovery of a binding without a key: the registry refuses it");
            }
            boolean started = change.equals("RECOVERY_STARTED");
            return new ResidentKeyOnChain(before.keyHash(), nonce, started ? Optional.of(keyHash) : Optional.empty(),
                    started ? recoverableAt : Optional.empty(), before.changedAt(), before.how());
        }
    }

    /** The answer to {@code key}, read at most once. */
    @SuppressWarnings("unchecked")
    private <T> T once(List<Object> key, Supplier<T> read) {
        return (T) answers.computeIfAbsent(key, k -> read.get());
    }

    private static void requireJurisdiction(String jurisdiction) {
        if (jurisdiction == null || !JURISDICTION.matcher(jurisdiction).matches()) {
            throw new IllegalArgumentException("a jurisdiction is 1 to 32 upper-case ASCII letters or digits");
        }
    }

    private static String hex(Hash32 hash, String name) {
        return Objects.requireNonNull(hash, name).hex();
    }
}
