package org.hashbridge.node.chain;

import java.time.Instant;
import org.hashbridge.protocol.Hash32;

/**
 * A registry event that changes what a verification reads, decoded. Addresses are EIP-55 checksummed,
 * jurisdictions codes such as {@code "HK"}. {@code ConsentAccessed} is not one: accesses are listed
 * from the chain, never verified against.
 */
public sealed interface RegistryEvent {

    /** Calls the method of {@code visitor} for this kind of event. */
    void accept(Visitor visitor);

    /** One method per kind of event, so that a new kind cannot be forgotten where events are applied. */
    interface Visitor {
        void jurisdictionAdmitted(JurisdictionAdmitted event);

        void operatorRegistered(OperatorRegistered event);

        void operatorDeactivated(OperatorDeactivated event);

        void institutionRegistered(InstitutionRegistered event);

        void institutionStatusChanged(InstitutionStatusChanged event);

        void rootAnchored(RootAnchored event);

        void rootRevoked(RootRevoked event);

        void leafRevoked(LeafRevoked event);

        void consentRecorded(ConsentRecorded event);

        void consentRevoked(ConsentRevoked event);

        void residentKeyBound(ResidentKeyBound event);

        void residentKeyRecoveryStarted(ResidentKeyRecoveryStarted event);

        void residentKeyRecoveryCancelled(ResidentKeyRecoveryCancelled event);
    }

    /** The registry's two kinds of institutions, each a mapping of its own. */
    enum Kind { ISSUER, VERIFIER }

    record JurisdictionAdmitted(String jurisdiction, String namespace) implements RegistryEvent {
        @Override
        public void accept(Visitor visitor) {
            visitor.jurisdictionAdmitted(this);
        }
    }

    /** An operator account admitted, or admitted again after it was deactivated. */
    record OperatorRegistered(String account, String jurisdiction) implements RegistryEvent {
        @Override
        public void accept(Visitor visitor) {
            visitor.operatorRegistered(this);
        }
    }

    record OperatorDeactivated(String account) implements RegistryEvent {
        @Override
        public void accept(Visitor visitor) {
            visitor.operatorDeactivated(this);
        }
    }

    /** An issuer or verifier registered; it is active from then on until its status changes. */
    record InstitutionRegistered(Kind kind, Hash32 key, String jurisdiction) implements RegistryEvent {
        @Override
        public void accept(Visitor visitor) {
            visitor.institutionRegistered(this);
        }
    }

    record InstitutionStatusChanged(Kind kind, Hash32 key, boolean active) implements RegistryEvent {
        @Override
        public void accept(Visitor visitor) {
            visitor.institutionStatusChanged(this);
        }
    }

    record RootAnchored(Hash32 issuer, Hash32 root, String operator, long leafCount) implements RegistryEvent {
        @Override
        public void accept(Visitor visitor) {
            visitor.rootAnchored(this);
        }
    }

    record RootRevoked(Hash32 issuer, Hash32 root) implements RegistryEvent {
        @Override
        public void accept(Visitor visitor) {
            visitor.rootRevoked(this);
        }
    }

    record LeafRevoked(Hash32 issuer, Hash32 root, Hash32 leaf) implements RegistryEvent {
        @Override
        public void accept(Visitor visitor) {
            visitor.leafRevoked(this);
        }
    }

    /**
     * A consent commitment recorded.
     *
     * @param operator the account that sent the recording transaction (the registry keeps its caller)
     */
    record ConsentRecorded(Hash32 commitment, Hash32 issuer, Hash32 verifier, Instant validUntil, String operator)
            implements RegistryEvent {
        @Override
        public void accept(Visitor visitor) {
            visitor.consentRecorded(this);
        }
    }

    record ConsentRevoked(Hash32 commitment) implements RegistryEvent {
        @Override
        public void accept(Visitor visitor) {
            visitor.consentRevoked(this);
        }
    }

    /**
     * A resident's key bound in its home jurisdiction: the first ({@code how} 1), a replacement approved by the old
     * key (2) or a completed recovery (3); it ends any pending recovery.
     *
     * @param nonce the binding's nonce after this change
     */
    record ResidentKeyBound(String jurisdiction, Hash32 binding, Hash32 keyHash, long nonce, int how)
            implements RegistryEvent {
        @Override
        public void accept(Visitor visitor) {
            visitor.residentKeyBound(this);
        }
    }

    /** The home operator started binding {@code newKeyHash} to a resident who lost their key; it moves the nonce on. */
    record ResidentKeyRecoveryStarted(String jurisdiction, Hash32 binding, Hash32 newKeyHash, Instant recoverableAt)
            implements RegistryEvent {
        @Override
        public void accept(Visitor visitor) {
            visitor.residentKeyRecoveryStarted(this);
        }
    }

    /**
     * The bound key cancelled the pending recovery to {@code newKeyHash}.
     *
     * @param nonce the binding's nonce after this change
     */
    record ResidentKeyRecoveryCancelled(String jurisdiction, Hash32 binding, Hash32 newKeyHash, long nonce)
            implements RegistryEvent {
        @Override
        public void accept(Visitor visitor) {
            visitor.residentKeyRecoveryCancelled(this);
        }
    }
}
