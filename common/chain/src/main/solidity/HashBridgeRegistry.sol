// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {WebAuthn} from "@openzeppelin/contracts/utils/cryptography/WebAuthn.sol";

/// @title HashBridge registry
/// @notice The only state the two HashBridge operators share, and the referee between them: every rule
///         below holds against the other side's operator calling this contract with its own key. It
///         holds hashes, pseudonymous identifiers, statuses and times; never a name, an identity number
///         or document content.
/// @dev Governance (the owner) is meant to be a 2-of-2 Safe whose owners are the two jurisdictions'
///      governance keys, so that admitting or removing an operator needs both. Institution keys are
///      derived here from the registering operator's own namespace, so an institution belongs to one
///      jurisdiction by construction (see {institutionKey}). Jurisdictions are ASCII codes right-padded
///      into bytes32 ("HK", "SZ"); namespaces are the two lower-case letters that open an institution id
///      ("hk" in "hk.transunion", "cn" in "cn.abc-shenzhen").
///      A resident's key is bound per (home jurisdiction, binding id), where the binding id is
///      SHA-256("HashBridge/resident-binding/v1" || subject reference): only a hash of the P-256 key is
///      kept, and nothing links it to the resident's consents, which stay salted commitments.
contract HashBridgeRegistry is Ownable2Step {
    /// @notice The version nodes check at start; a registry with other rules has another version.
    uint32 public constant VERSION = 3;
    uint256 public constant MAX_ACCESSES_PER_WRITE = 256;
    /// @notice The most accesses one consent records for the verifier it names, and for all others
    ///         together: enough for any genuine use, and a bound on what an operator can invent.
    uint32 public constant MAX_NAMED_ACCESSES = 1000;
    uint32 public constant MAX_OTHER_ACCESSES = 100;
    /// @notice How long a key recovery the home operator starts waits, so that the resident, holding the
    ///         key still bound, can cancel it (or replace the key) at either side's operator.
    uint64 public constant RESIDENT_KEY_RECOVERY_DELAY = 7 days;
    /// @notice How a resident key came to be bound ({ResidentKeyBound}'s `how`).
    uint8 public constant BOUND_BY_HOME_OPERATOR = 1;
    uint8 public constant REPLACED_BY_RESIDENT = 2;
    uint8 public constant RECOVERED_BY_HOME_OPERATOR = 3;

    enum ConsentStatus {
        NONE,
        AUTHORISED,
        REVOKED
    }

    struct Operator {
        bytes32 jurisdiction;
        bool active;
    }

    /// @dev An issuer or a verifier, registered by an operator of its jurisdiction.
    struct Institution {
        bytes32 jurisdiction;
        bool active;
    }

    struct Anchor {
        bytes32 issuer;
        address operator;
        uint64 anchoredAt;
        uint32 leafCount;
        uint64 revokedAt;
    }

    struct Consent {
        bytes32 issuer;
        bytes32 verifier;
        address operator;
        uint64 validUntil;
        uint64 updatedAt;
        ConsentStatus status;
        uint32 namedAccesses;
        uint32 otherAccesses;
    }

    /// @dev A resident's key in one home jurisdiction: the hash of the bound P-256 key, never the key.
    struct ResidentKey {
        bytes32 keyHash;
        /// @dev How many changes the binding has seen; every approval signs it, so it is usable once.
        uint64 nonce;
        /// @dev When, and how (1 bound, 2 replaced, 3 recovered), the current key was bound.
        uint64 boundAt;
        uint8 how;
        /// @dev A recovery the home operator started: the key it binds once recoverableAt has come.
        bytes32 pendingKeyHash;
        uint64 recoverableAt;
    }

    mapping(bytes32 => bytes2) public namespaceOf;
    mapping(bytes2 => bytes32) public jurisdictionOf;
    mapping(address => Operator) public operators;
    mapping(bytes32 => Institution) public issuers;
    mapping(bytes32 => Institution) public verifiers;
    /// @notice Anchors by issuer, then root: a root is anchored for one issuer, so anchoring the same
    ///         root first under another issuer (seen in the pool) blocks nobody.
    mapping(bytes32 => mapping(bytes32 => Anchor)) public anchors;
    /// @notice When a leaf was revoked within an issuer's root; 0 when it is not.
    mapping(bytes32 => mapping(bytes32 => mapping(bytes32 => uint64))) public leafRevokedAt;
    mapping(bytes32 => Consent) public consents;
    /// @notice Whether a verifier's access with this receipt hash is recorded; each is recorded once.
    mapping(bytes32 => mapping(bytes32 => bool)) public accessRecorded;
    /// @notice Resident keys by home jurisdiction, then binding id; each jurisdiction binds in its own.
    mapping(bytes32 => mapping(bytes32 => ResidentKey)) public residentKeys;

    event JurisdictionAdmitted(bytes32 indexed jurisdiction, bytes2 namespace);
    event OperatorRegistered(address indexed account, bytes32 jurisdiction);
    event OperatorDeactivated(address indexed account, address by);
    event IssuerRegistered(bytes32 indexed issuer, bytes32 jurisdiction);
    event IssuerStatusChanged(bytes32 indexed issuer, bool active);
    event VerifierRegistered(bytes32 indexed verifier, bytes32 jurisdiction);
    event VerifierStatusChanged(bytes32 indexed verifier, bool active);
    event RootAnchored(bytes32 indexed root, bytes32 indexed issuer, address operator, uint32 leafCount);
    event RootRevoked(bytes32 indexed root, bytes32 indexed issuer);
    event LeafRevoked(bytes32 indexed leaf, bytes32 indexed root, bytes32 indexed issuer);
    event ConsentRecorded(bytes32 indexed commitment, bytes32 indexed issuer, bytes32 verifier, uint64 validUntil);
    event ConsentRevoked(bytes32 indexed commitment, bytes32 indexed issuer);
    event ConsentAccessed(bytes32 indexed commitment, bytes32 indexed verifier, bytes32 receipt, bool verified);
    event ResidentKeyBound(bytes32 indexed jurisdiction, bytes32 indexed binding, bytes32 keyHash, uint64 nonce, uint8 how);
    event ResidentKeyRecoveryStarted(bytes32 indexed jurisdiction, bytes32 indexed binding, bytes32 newKeyHash,
        uint64 recoverableAt);
    event ResidentKeyRecoveryCancelled(bytes32 indexed jurisdiction, bytes32 indexed binding, bytes32 newKeyHash,
        uint64 nonce);

    error NotAnOperator(address account);
    error ForeignJurisdiction(bytes32 institution, bytes32 institutionJurisdiction, bytes32 operatorJurisdiction);
    error ForeignNamespace(bytes2 namespace, bytes2 operatorNamespace);
    error UnknownJurisdiction(bytes32 jurisdiction);
    error JurisdictionAlreadyAdmitted(bytes32 jurisdiction, bytes2 namespace);
    error OperatorOfAnotherJurisdiction(address account, bytes32 jurisdiction);
    error UnknownIssuer(bytes32 issuer);
    error IssuerAlreadyRegistered(bytes32 issuer);
    error IssuerSuspended(bytes32 issuer);
    error UnknownVerifier(bytes32 verifier);
    error VerifierAlreadyRegistered(bytes32 verifier);
    error VerifierSuspended(bytes32 verifier);
    error RootAlreadyAnchored(bytes32 root);
    error UnknownRoot(bytes32 root);
    error RootAlreadyRevoked(bytes32 root);
    error LeafNotInRoot(bytes32 leaf, bytes32 root);
    error LeafAlreadyRevoked(bytes32 leaf);
    error ConsentAlreadyRecorded(bytes32 commitment);
    error UnknownConsent(bytes32 commitment);
    error ConsentNotAuthorised(bytes32 commitment);
    error AccessAlreadyRecorded(bytes32 receipt);
    error AccessLimitReached(bytes32 commitment, bytes32 verifier);
    error NotTheConsentsVerifier(bytes32 commitment, bytes32 verifier);
    error ResidentKeyAlreadyBound(bytes32 binding);
    error ResidentKeyNotBound(bytes32 binding);
    error ResidentKeyMismatch(bytes32 binding);
    error ResidentApprovalInvalid(bytes32 binding);
    error NoResidentKeyRecovery(bytes32 binding);
    error RecoveryNotDue(bytes32 binding, uint64 recoverableAt);
    error GovernanceCannotBeRenounced();
    error InvalidArgument();

    constructor(address governance) Ownable(governance) {}

    // ---------------------------------------------------------------- governance (both jurisdictions)

    /// @notice Admits a jurisdiction and the namespace its institution ids start with. Once admitted,
    ///         neither changes: every institution key of that namespace belongs to that jurisdiction.
    function admitJurisdiction(bytes32 jurisdiction, bytes2 namespace) external onlyOwner {
        if (jurisdiction == bytes32(0) || !_isNamespace(namespace)) revert InvalidArgument();
        if (namespaceOf[jurisdiction] != bytes2(0) || jurisdictionOf[namespace] != bytes32(0)) {
            revert JurisdictionAlreadyAdmitted(jurisdiction, namespace);
        }
        namespaceOf[jurisdiction] = namespace;
        jurisdictionOf[namespace] = jurisdiction;
        emit JurisdictionAdmitted(jurisdiction, namespace);
    }

    /// @notice Admits `account` as an operator of an admitted jurisdiction, or re-activates it. An account
    ///         never moves to another jurisdiction: governance admits a new account instead.
    function registerOperator(address account, bytes32 jurisdiction) external onlyOwner {
        if (account == address(0)) revert InvalidArgument();
        if (namespaceOf[jurisdiction] == bytes2(0)) revert UnknownJurisdiction(jurisdiction);
        bytes32 current = operators[account].jurisdiction;
        if (current != bytes32(0) && current != jurisdiction) revert OperatorOfAnotherJurisdiction(account, current);
        operators[account] = Operator(jurisdiction, true);
        emit OperatorRegistered(account, jurisdiction);
    }

    /// @notice Stops `account` from writing. Governance may; so may any active operator of the same
    ///         jurisdiction, so that a side can cut off its own stolen key at once. Re-activation takes
    ///         governance. What the account wrote before stays, until its jurisdiction revokes it.
    function deactivateOperator(address account) external {
        Operator storage target = operators[account];
        if (!target.active) revert NotAnOperator(account);
        if (msg.sender != owner()) {
            Operator storage sender = operators[msg.sender];
            if (!sender.active) revert NotAnOperator(msg.sender);
            if (sender.jurisdiction != target.jurisdiction) {
                revert ForeignJurisdiction(bytes32(uint256(uint160(account))), target.jurisdiction, sender.jurisdiction);
            }
        }
        target.active = false;
        emit OperatorDeactivated(account, msg.sender);
    }

    /// @notice Governance can be handed over (to an account that accepts it), never renounced.
    function renounceOwnership() public view override onlyOwner {
        revert GovernanceCannotBeRenounced();
    }

    // ---------------------------------------------------------------- institutions

    /// @notice The on-chain key of the institution whose id is `namespace` "." name:
    ///         SHA-256(namespace || SHA-256(UTF-8(id))).
    function institutionKey(bytes2 namespace, bytes32 idHash) public pure returns (bytes32) {
        return sha256(abi.encodePacked(namespace, idHash));
    }

    /// @notice Registers an issuer of the calling operator's own namespace; returns its key.
    function registerIssuer(bytes2 namespace, bytes32 idHash) external returns (bytes32 key) {
        bytes32 jurisdiction = _ownNamespace(namespace, idHash);
        key = institutionKey(namespace, idHash);
        if (issuers[key].jurisdiction != bytes32(0)) revert IssuerAlreadyRegistered(key);
        issuers[key] = Institution(jurisdiction, true);
        emit IssuerRegistered(key, jurisdiction);
    }

    /// @notice Registers a verifier (a bank) of the calling operator's own namespace; returns its key.
    function registerVerifier(bytes2 namespace, bytes32 idHash) external returns (bytes32 key) {
        bytes32 jurisdiction = _ownNamespace(namespace, idHash);
        key = institutionKey(namespace, idHash);
        if (verifiers[key].jurisdiction != bytes32(0)) revert VerifierAlreadyRegistered(key);
        verifiers[key] = Institution(jurisdiction, true);
        emit VerifierRegistered(key, jurisdiction);
    }

    /// @notice Suspends (`false`) or reinstates an issuer; only an operator of its jurisdiction may.
    function setIssuerActive(bytes32 issuer, bool active) external {
        _requireHomeOperator(issuers[issuer].jurisdiction, issuer);
        issuers[issuer].active = active;
        emit IssuerStatusChanged(issuer, active);
    }

    /// @notice Suspends (`false`) or reinstates a verifier; only an operator of its jurisdiction may.
    function setVerifierActive(bytes32 verifier, bool active) external {
        bytes32 jurisdiction = verifiers[verifier].jurisdiction;
        if (jurisdiction == bytes32(0)) revert UnknownVerifier(verifier);
        _requireHomeOperator(jurisdiction, verifier);
        verifiers[verifier].active = active;
        emit VerifierStatusChanged(verifier, active);
    }

    // ---------------------------------------------------------------- documents

    /// @notice Anchors the Merkle root of a batch of leaves issued by an active issuer of the caller's
    ///         jurisdiction.
    function anchorRoot(bytes32 issuer, bytes32 root, uint32 leafCount) external {
        _requireActiveIssuerOfCaller(issuer);
        if (root == bytes32(0) || leafCount == 0) revert InvalidArgument();
        if (anchors[issuer][root].anchoredAt != 0) revert RootAlreadyAnchored(root);
        anchors[issuer][root] = Anchor(issuer, msg.sender, uint64(block.timestamp), leafCount, 0);
        emit RootAnchored(root, issuer, msg.sender, leafCount);
    }

    /// @notice Revokes a whole anchored batch (a forged or mistaken one); only the anchoring
    ///         jurisdiction may. Every document under it then fails verification.
    function revokeRoot(bytes32 issuer, bytes32 root) external {
        Anchor storage anchor = _homeAnchor(issuer, root);
        if (anchor.revokedAt != 0) revert RootAlreadyRevoked(root);
        anchor.revokedAt = uint64(block.timestamp);
        emit RootRevoked(root, anchor.issuer);
    }

    /// @notice Revokes one document: the leaf at `index` of `root`, proven by its RFC 9162 audit path.
    ///         Only the anchoring jurisdiction may, and only for a leaf that is in that root.
    function revokeLeaf(bytes32 issuer, bytes32 root, bytes32 leaf, uint32 index, bytes32[] calldata proof)
        external
    {
        Anchor storage anchor = _homeAnchor(issuer, root);
        if (!_includes(root, leaf, index, anchor.leafCount, proof)) revert LeafNotInRoot(leaf, root);
        if (leafRevokedAt[issuer][root][leaf] != 0) revert LeafAlreadyRevoked(leaf);
        leafRevokedAt[issuer][root][leaf] = uint64(block.timestamp);
        emit LeafRevoked(leaf, root, anchor.issuer);
    }

    // ---------------------------------------------------------------- consents

    /// @notice Records a resident's consent commitment for a document of an active issuer of the
    ///         caller's jurisdiction, to be checked by an active registered verifier.
    function recordConsent(bytes32 commitment, bytes32 issuer, bytes32 verifier, uint64 validUntil) external {
        _requireActiveIssuerOfCaller(issuer);
        if (verifiers[verifier].jurisdiction == bytes32(0)) revert UnknownVerifier(verifier);
        if (!verifiers[verifier].active) revert VerifierSuspended(verifier);
        if (commitment == bytes32(0) || validUntil <= block.timestamp) revert InvalidArgument();
        if (consents[commitment].status != ConsentStatus.NONE) revert ConsentAlreadyRecorded(commitment);
        consents[commitment] = Consent(
            issuer, verifier, msg.sender, validUntil, uint64(block.timestamp), ConsentStatus.AUTHORISED, 0, 0
        );
        emit ConsentRecorded(commitment, issuer, verifier, validUntil);
    }

    /// @notice Revokes an authorised consent; only an operator of the consent issuer's jurisdiction may.
    function revokeConsent(bytes32 commitment) external {
        Consent storage consent = consents[commitment];
        if (consent.status == ConsentStatus.NONE) revert UnknownConsent(commitment);
        _requireHomeOperator(issuers[consent.issuer].jurisdiction, consent.issuer);
        if (consent.status != ConsentStatus.AUTHORISED) revert ConsentNotAuthorised(commitment);
        consent.status = ConsentStatus.REVOKED;
        consent.updatedAt = uint64(block.timestamp);
        emit ConsentRevoked(commitment, consent.issuer);
    }

    /// @notice Records that `verifier` used a consent, with the verdict and the hash of the receipt its
    ///         node signed, once per verifier and receipt. Only an operator of the verifier's jurisdiction
    ///         may; only the verifier the consent names can have a `verified` access (another bank's
    ///         attempt is recorded, but never verified), and a consent takes at most
    ///         MAX_NAMED_ACCESSES of its verifier's and MAX_OTHER_ACCESSES of all others. Kept only as an
    ///         event, for the resident's home node.
    function recordAccess(bytes32 commitment, bytes32 verifier, bytes32 receipt, bool verified) external {
        bytes32 jurisdiction = _requireOperator();
        if (!_recordAccess(jurisdiction, commitment, verifier, receipt, verified)) revert AccessAlreadyRecorded(receipt);
    }

    /// @notice `recordAccess` for up to 256 accesses in one transaction: all are recorded or none, except
    ///         that a verifier's receipt recorded already (by an earlier try of the same batch) is skipped.
    function recordAccesses(
        bytes32[] calldata commitments,
        bytes32[] calldata verifierKeys,
        bytes32[] calldata receipts,
        bool[] calldata verified
    ) external {
        bytes32 jurisdiction = _requireOperator();
        uint256 n = commitments.length;
        if (n == 0 || n > MAX_ACCESSES_PER_WRITE || verifierKeys.length != n || receipts.length != n
            || verified.length != n) {
            revert InvalidArgument();
        }
        for (uint256 i = 0; i < n; i++) {
            _recordAccess(jurisdiction, commitments[i], verifierKeys[i], receipts[i], verified[i]);
        }
    }

    // ---------------------------------------------------------------- resident keys

    /// @notice Binds the first key of a resident of the calling operator's own jurisdiction, whose node
    ///         checked the resident's proof of possession; the other side binds only in its own namespace.
    function bindResidentKey(bytes32 binding, bytes32 keyHash) external {
        bytes32 jurisdiction = _requireOperator();
        if (binding == bytes32(0) || keyHash == bytes32(0)) revert InvalidArgument();
        ResidentKey storage key = residentKeys[jurisdiction][binding];
        if (key.keyHash != bytes32(0)) revert ResidentKeyAlreadyBound(binding);
        _bind(jurisdiction, binding, key, keyHash, BOUND_BY_HOME_OPERATOR);
    }

    /// @notice Replaces a resident's key with `newKeyHash`, on the resident's own authority: a WebAuthn
    ///         assertion by the bound key (`qx`, `qy`) over {residentKeyReplacementChallenge}. Any active
    ///         operator may send it, so a resident whose home operator refuses can go to the other side.
    ///         Ends a pending recovery.
    function replaceResidentKey(
        bytes32 jurisdiction,
        bytes32 binding,
        bytes32 newKeyHash,
        bytes32 qx,
        bytes32 qy,
        WebAuthn.WebAuthnAuth calldata auth
    ) external {
        _requireOperator();
        if (newKeyHash == bytes32(0)) revert InvalidArgument();
        ResidentKey storage key = _boundKey(jurisdiction, binding);
        bytes32 challenge = residentKeyReplacementChallenge(jurisdiction, binding, newKeyHash, key.nonce);
        _requireApproval(binding, key, challenge, qx, qy, auth);
        _bind(jurisdiction, binding, key, newKeyHash, REPLACED_BY_RESIDENT);
    }

    /// @notice Starts binding `newKeyHash` for a resident of the calling operator's own jurisdiction who
    ///         lost their key; it can complete after RESIDENT_KEY_RECOVERY_DELAY. Starting again restarts
    ///         the delay.
    function startResidentKeyRecovery(bytes32 binding, bytes32 newKeyHash) external {
        bytes32 jurisdiction = _requireOperator();
        if (newKeyHash == bytes32(0)) revert InvalidArgument();
        ResidentKey storage key = _boundKey(jurisdiction, binding);
        key.pendingKeyHash = newKeyHash;
        key.recoverableAt = uint64(block.timestamp) + RESIDENT_KEY_RECOVERY_DELAY;
        key.nonce++;
        emit ResidentKeyRecoveryStarted(jurisdiction, binding, newKeyHash, key.recoverableAt);
    }

    /// @notice Cancels a pending recovery on the resident's own authority: a WebAuthn assertion by the
    ///         bound key over {residentKeyRecoveryCancellationChallenge}. Any active operator may send it.
    function cancelResidentKeyRecovery(
        bytes32 jurisdiction,
        bytes32 binding,
        bytes32 qx,
        bytes32 qy,
        WebAuthn.WebAuthnAuth calldata auth
    ) external {
        _requireOperator();
        ResidentKey storage key = _boundKey(jurisdiction, binding);
        if (key.recoverableAt == 0) revert NoResidentKeyRecovery(binding);
        bytes32 challenge = residentKeyRecoveryCancellationChallenge(jurisdiction, binding, key.nonce);
        _requireApproval(binding, key, challenge, qx, qy, auth);
        bytes32 cancelled = key.pendingKeyHash;
        key.pendingKeyHash = bytes32(0);
        key.recoverableAt = 0;
        key.nonce++;
        emit ResidentKeyRecoveryCancelled(jurisdiction, binding, cancelled, key.nonce);
    }

    /// @notice Binds the key of a recovery of the calling operator's own jurisdiction once it is due.
    function completeResidentKeyRecovery(bytes32 binding) external {
        bytes32 jurisdiction = _requireOperator();
        ResidentKey storage key = _boundKey(jurisdiction, binding);
        if (key.recoverableAt == 0) revert NoResidentKeyRecovery(binding);
        if (block.timestamp < key.recoverableAt) revert RecoveryNotDue(binding, key.recoverableAt);
        _bind(jurisdiction, binding, key, key.pendingKeyHash, RECOVERED_BY_HOME_OPERATOR);
    }

    /// @notice SHA-256("HashBridge/resident-key/v1" || x || y): how a P-256 public key is named on chain.
    function residentKeyHash(bytes32 qx, bytes32 qy) public pure returns (bytes32) {
        return sha256(abi.encodePacked("HashBridge/resident-key/v1", qx, qy));
    }

    /// @notice What the bound key signs to replace itself by `newKeyHash` at `nonce`, on this chain and
    ///         registry only.
    function residentKeyReplacementChallenge(bytes32 jurisdiction, bytes32 binding, bytes32 newKeyHash, uint64 nonce)
        public
        view
        returns (bytes32)
    {
        return sha256(abi.encodePacked("HashBridge/resident-key-replacement/v1", block.chainid, address(this),
            jurisdiction, binding, newKeyHash, nonce));
    }

    /// @notice What the bound key signs to cancel a pending recovery at `nonce`, on this chain and registry only.
    function residentKeyRecoveryCancellationChallenge(bytes32 jurisdiction, bytes32 binding, uint64 nonce)
        public
        view
        returns (bytes32)
    {
        return sha256(abi.encodePacked("HashBridge/resident-key-recovery-cancellation/v1", block.chainid,
            address(this), jurisdiction, binding, nonce));
    }

    // ---------------------------------------------------------------- internals

    function _boundKey(bytes32 jurisdiction, bytes32 binding) private view returns (ResidentKey storage key) {
        key = residentKeys[jurisdiction][binding];
        if (key.keyHash == bytes32(0)) revert ResidentKeyNotBound(binding);
    }

    /// @dev The user-present flag is required, user verification is not: a security key without a PIN counts.
    function _requireApproval(
        bytes32 binding,
        ResidentKey storage key,
        bytes32 challenge,
        bytes32 qx,
        bytes32 qy,
        WebAuthn.WebAuthnAuth calldata auth
    ) private view {
        if (residentKeyHash(qx, qy) != key.keyHash) revert ResidentKeyMismatch(binding);
        if (!WebAuthn.verify(abi.encodePacked(challenge), auth, qx, qy, false)) revert ResidentApprovalInvalid(binding);
    }

    /// @dev Binds `keyHash`, ending any pending recovery; every change moves the nonce on.
    function _bind(bytes32 jurisdiction, bytes32 binding, ResidentKey storage key, bytes32 keyHash, uint8 how) private {
        key.keyHash = keyHash;
        key.nonce++;
        key.boundAt = uint64(block.timestamp);
        key.how = how;
        key.pendingKeyHash = bytes32(0);
        key.recoverableAt = 0;
        emit ResidentKeyBound(jurisdiction, binding, keyHash, key.nonce, how);
    }


    /// @return false when the receipt is recorded already
    function _recordAccess(bytes32 jurisdiction, bytes32 commitment, bytes32 verifier, bytes32 receipt, bool verified)
        private
        returns (bool)
    {
        Consent storage consent = consents[commitment];
        if (consent.status == ConsentStatus.NONE) revert UnknownConsent(commitment);
        if (receipt == bytes32(0)) revert InvalidArgument();
        bytes32 verifierJurisdiction = verifiers[verifier].jurisdiction;
        if (verifierJurisdiction == bytes32(0)) revert UnknownVerifier(verifier);
        if (verifierJurisdiction != jurisdiction) revert ForeignJurisdiction(verifier, verifierJurisdiction, jurisdiction);
        if (accessRecorded[verifier][receipt]) return false;
        if (verifier == consent.verifier) {
            if (consent.namedAccesses >= MAX_NAMED_ACCESSES) revert AccessLimitReached(commitment, verifier);
            consent.namedAccesses++;
        } else {
            if (verified) revert NotTheConsentsVerifier(commitment, verifier);
            if (consent.otherAccesses >= MAX_OTHER_ACCESSES) revert AccessLimitReached(commitment, verifier);
            consent.otherAccesses++;
        }
        accessRecorded[verifier][receipt] = true;
        emit ConsentAccessed(commitment, verifier, receipt, verified);
        return true;
    }

    function _requireOperator() private view returns (bytes32) {
        Operator storage op = operators[msg.sender];
        if (!op.active) revert NotAnOperator(msg.sender);
        return op.jurisdiction;
    }

    function _ownNamespace(bytes2 namespace, bytes32 idHash) private view returns (bytes32 jurisdiction) {
        jurisdiction = _requireOperator();
        if (idHash == bytes32(0)) revert InvalidArgument();
        bytes2 own = namespaceOf[jurisdiction];
        if (namespace != own) revert ForeignNamespace(namespace, own);
    }

    function _requireHomeOperator(bytes32 institutionJurisdiction, bytes32 institution) private view {
        bytes32 jurisdiction = _requireOperator();
        if (institutionJurisdiction == bytes32(0)) revert UnknownIssuer(institution);
        if (institutionJurisdiction != jurisdiction) {
            revert ForeignJurisdiction(institution, institutionJurisdiction, jurisdiction);
        }
    }

    function _requireActiveIssuerOfCaller(bytes32 issuer) private view {
        _requireHomeOperator(issuers[issuer].jurisdiction, issuer);
        if (!issuers[issuer].active) revert IssuerSuspended(issuer);
    }

    function _homeAnchor(bytes32 issuer, bytes32 root) private view returns (Anchor storage anchor) {
        anchor = anchors[issuer][root];
        if (anchor.anchoredAt == 0) revert UnknownRoot(root);
        _requireHomeOperator(issuers[issuer].jurisdiction, issuer);
    }

    function _isNamespace(bytes2 namespace) private pure returns (bool) {
        return uint8(namespace[0]) >= 0x61 && uint8(namespace[0]) <= 0x7a && uint8(namespace[1]) >= 0x61
            && uint8(namespace[1]) <= 0x7a;
    }

    /// @dev RFC 9162 section 2.1.3.2: whether `proof` leads from the leaf hash at `index` of a tree of
    ///      `size` leaves to `root`, with SHA-256(0x01 || left || right) for inner nodes. OpenZeppelin's
    ///      MerkleProof hashes sorted pairs with Keccak-256, which is not the tree the nodes build.
    function _includes(bytes32 root, bytes32 leaf, uint256 index, uint256 size, bytes32[] calldata proof)
        private
        pure
        returns (bool)
    {
        if (index >= size) return false;
        uint256 fn = index;
        uint256 sn = size - 1;
        bytes32 r = leaf;
        for (uint256 i = 0; i < proof.length; i++) {
            if (sn == 0) return false;
            if (fn & 1 == 1 || fn == sn) {
                r = sha256(abi.encodePacked(bytes1(0x01), proof[i], r));
                while (fn & 1 == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = sha256(abi.encodePacked(bytes1(0x01), r, proof[i]));
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r == root;
    }
}
