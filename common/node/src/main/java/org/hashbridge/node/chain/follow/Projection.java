package org.hashbridge.node.chain.follow;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hashbridge.node.chain.BlockRef;
import org.hashbridge.node.chain.RegistryEvent;
import org.hashbridge.node.chain.RegistryFeed;
import org.hashbridge.protocol.Hash32;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows a range of events becomes: one row per event, each with the block it came from, inserted in
 * one batch per table. A row that exists already is an error (its primary key), never a second copy.
 */
final class Projection implements RegistryEvent.Visitor {

    /** Every table of the read model whose rows come from events, each with its {@code block_number}. */
    static final List<String> TABLES = List.of("chain_jurisdiction", "chain_operator_change", "chain_institution",
            "chain_institution_status", "chain_anchor", "chain_root_revocation", "chain_leaf_revocation", "chain_consent",
            "chain_consent_revocation", "chain_resident_key");

    private static final Map<String, String> INSERTS = Map.of(
            "chain_jurisdiction", "insert into chain_jurisdiction (jurisdiction, namespace, block_number, log_index) values (?, ?, ?, ?)",
            "chain_operator_change", "insert into chain_operator_change (account, block_number, log_index, jurisdiction, active)"
                    + " values (?, ?, ?, ?, ?)",
            "chain_institution", "insert into chain_institution (kind, institution, jurisdiction, block_number, log_index)"
                    + " values (?, ?, ?, ?, ?)",
            "chain_institution_status", "insert into chain_institution_status (kind, institution, block_number, log_index, active)"
                    + " values (?, ?, ?, ?, ?)",
            "chain_anchor", "insert into chain_anchor (issuer, root, operator, leaf_count, block_number, anchored_at)"
                    + " values (?, ?, ?, ?, ?, ?)",
            "chain_root_revocation", "insert into chain_root_revocation (issuer, root, block_number, revoked_at) values (?, ?, ?, ?)",
            "chain_leaf_revocation", "insert into chain_leaf_revocation (issuer, root, leaf, block_number, revoked_at)"
                    + " values (?, ?, ?, ?, ?)",
            "chain_consent", "insert into chain_consent (commitment, issuer, verifier, operator, valid_until, block_number,"
                    + " recorded_at) values (?, ?, ?, ?, ?, ?, ?)",
            "chain_consent_revocation", "insert into chain_consent_revocation (commitment, block_number, revoked_at) values (?, ?, ?)",
            "chain_resident_key", "insert into chain_resident_key (jurisdiction, binding, block_number, log_index, change, key_hash,"
                    + " how, recoverable_at, changed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)");

    private final Map<String, List<Object[]>> rows = new LinkedHashMap<>();
    private final Map<Long, BlockRef> blocks = new LinkedHashMap<>();
    private RegistryFeed.Logged current;

    /** The rows of {@code events}, in their order. */
    static Projection of(List<RegistryFeed.Logged> events) {
        Projection projection = new Projection();
        for (RegistryFeed.Logged logged : events) {
            projection.current = logged;
            projection.blocks.putIfAbsent(logged.block().number(), logged.block());
            logged.event().accept(projection);
        }
        return projection;
    }

    /** Inserts the rows, and each block that held an event with its hash; call inside the transaction. */
    int insert(JdbcTemplate jdbc) {
        jdbc.batchUpdate("insert into chain_block (block_number, block_hash, block_time) values (?, ?, ?)",
                blocks.values().stream().map(b -> new Object[] {b.number(), b.hash(), time(b.time())}).toList());
        int inserted = 0;
        for (Map.Entry<String, List<Object[]>> table : rows.entrySet()) {
            jdbc.batchUpdate(INSERTS.get(table.getKey()), table.getValue());
            inserted += table.getValue().size();
        }
        return inserted;
    }

    @Override
    public void jurisdictionAdmitted(RegistryEvent.JurisdictionAdmitted event) {
        add("chain_jurisdiction", event.jurisdiction(), event.namespace(), block(), logIndex());
    }

    @Override
    public void operatorRegistered(RegistryEvent.OperatorRegistered event) {
        add("chain_operator_change", account(event.account()), block(), logIndex(), event.jurisdiction(), true);
    }

    @Override
    public void operatorDeactivated(RegistryEvent.OperatorDeactivated event) {
        add("chain_operator_change", account(event.account()), block(), logIndex(), null, false);
    }

    @Override
    public void institutionRegistered(RegistryEvent.InstitutionRegistered event) {
        add("chain_institution", event.kind().name(), event.key().hex(), event.jurisdiction(), block(), logIndex());
    }

    @Override
    public void institutionStatusChanged(RegistryEvent.InstitutionStatusChanged event) {
        add("chain_institution_status", event.kind().name(), event.key().hex(), block(), logIndex(), event.active());
    }

    @Override
    public void rootAnchored(RegistryEvent.RootAnchored event) {
        add("chain_anchor", event.issuer().hex(), event.root().hex(), event.operator(), event.leafCount(), block(), blockTime());
    }

    @Override
    public void rootRevoked(RegistryEvent.RootRevoked event) {
        add("chain_root_revocation", event.issuer().hex(), event.root().hex(), block(), blockTime());
    }

    @Override
    public void leafRevoked(RegistryEvent.LeafRevoked event) {
        add("chain_leaf_revocation", event.issuer().hex(), event.root().hex(), event.leaf().hex(), block(), blockTime());
    }

    @Override
    public void consentRecorded(RegistryEvent.ConsentRecorded event) {
        add("chain_consent", event.commitment().hex(), event.issuer().hex(), event.verifier().hex(), event.operator(),
                event.validUntil().getEpochSecond(), block(), blockTime());
    }

    @Override
    public void consentRevoked(RegistryEvent.ConsentRevoked event) {
        add("chain_consent_revocation", event.commitment().hex(), block(), blockTime());
    }

    @Override
    public void residentKeyBound(RegistryEvent.ResidentKeyBound event) {
        residentKeyChange(event.jurisdiction(), event.binding(), "BOUND", event.keyHash(), event.how(), null);
    }

    @Override
    public void residentKeyRecoveryStarted(RegistryEvent.ResidentKeyRecoveryStarted event) {
        residentKeyChange(event.jurisdiction(), event.binding(), "RECOVERY_STARTED", event.newKeyHash(), null,
                time(event.recoverableAt()));
    }

    @Override
    public void residentKeyRecoveryCancelled(RegistryEvent.ResidentKeyRecoveryCancelled event) {
        residentKeyChange(event.jurisdiction(), event.binding(), "RECOVERY_CANCELLED", event.newKeyHash(), null, null);
    }

    private void residentKeyChange(String jurisdiction, Hash32 binding, String change, Hash32 keyHash, Integer how,
                                   OffsetDateTime recoverableAt) {
        add("chain_resident_key", jurisdiction, binding.hex(), block(), logIndex(), change, keyHash.hex(), how,
                recoverableAt, blockTime());
    }

    private void add(String table, Object... values) {
        rows.computeIfAbsent(table, t -> new ArrayList<>()).add(values);
    }

    private long block() {
        return current.block().number();
    }

    private int logIndex() {
        return current.logIndex();
    }

    private OffsetDateTime blockTime() {
        return time(current.block().time());
    }

    static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Accounts are kept in lower case, so any spelling of an address finds them. */
    static String account(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
