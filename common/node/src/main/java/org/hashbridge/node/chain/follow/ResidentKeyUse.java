package org.hashbridge.node.chain.follow;

import org.hashbridge.protocol.Hash32;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether a resident key was ever bound, or put up for a recovery, under another binding than a resident's own, in
 * either jurisdiction, as this node's read model followed the registry. One key under two bindings would tie two
 * subject references together for everyone reading the chain (a resident's Hong Kong and Shenzhen identities, or two
 * residents sharing a key file), so a node binds no key that another binding has had.
 */
@Component
public class ResidentKeyUse {

    private final JdbcTemplate jdbc;

    ResidentKeyUse(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True when {@code keyHash} was bound or recovered to under any binding but ({@code jurisdiction}, {@code binding}). */
    public boolean elsewhere(Hash32 keyHash, String jurisdiction, Hash32 binding) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from chain_resident_key where key_hash = ?"
                        + " and change in ('BOUND', 'RECOVERY_STARTED') and not (jurisdiction = ? and binding = ?))",
                Boolean.class, keyHash.hex(), jurisdiction, binding.hex()));
    }
}
