package org.hashbridge.node.institution;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a resident (or their operator) sees of the resident's key: the binding the registry keeps for them, the key
 * bound there, and the latest key this node was asked to bind.
 *
 * @param binding         hex {@code ResidentKey.binding(subject reference)}: where the registry keeps the key
 * @param keyHash         hex hash of the key bound on chain, as of the final block; empty while none is (or the chain
 *                        cannot be read and this node has bound none)
 * @param nonce           how many times the binding changed on chain: the nonce a replacement approval signs
 * @param pendingRecovery a recovery the home operator started, until it completes or the resident cancels it
 * @param chainId         the chain a replacement approval is for
 * @param registry        the registry's address (EIP-55), which a replacement approval names
 * @param jurisdiction    this node's jurisdiction ("HK", "SZ"), whose bindings it writes
 * @param latest          the latest key this node was asked to bind and how far that got; empty when never asked
 * @param passkeys        the resident's passkeys registered on this node, oldest first
 */
public record ResidentKeyView(String binding, Optional<String> keyHash, long nonce, Optional<PendingRecovery> pendingRecovery,
                              long chainId, String registry, String jurisdiction, Optional<Registration> latest,
                              List<Passkey> passkeys) {

    /** A key recovery the home operator started: {@code keyHash} replaces the bound key once {@code recoverableAt} passed. */
    public record PendingRecovery(String keyHash, Instant recoverableAt) {
    }

    /**
     * One key this node was asked to bind, and its chain write.
     *
     * @param how           {@code BIND} (the first key), {@code REPLACE} (approved by the bound key) or {@code RECOVERY}
     *                      (started by the operator, completed after the delay)
     * @param status        {@code PENDING} (stored, the chain write is under way), {@code RECOVERING} (a recovery is
     *                      started on chain, waiting for its delay), {@code BOUND} (on chain) or {@code FAILED} (the
     *                      registry refused it: see {@code failureReason})
     * @param failureReason the registry's error of a FAILED one
     * @param transaction   the transaction that bound it, once BOUND
     */
    public record Registration(String keyHash, String how, String status, Instant requestedAt,
                               Optional<String> failureReason, Optional<String> transaction) {
    }

    /** A passkey: its credential id (base64url), when it was registered and when it last signed. */
    public record Passkey(String credentialId, Instant createdAt, Optional<Instant> lastUsedAt) {
    }
}
