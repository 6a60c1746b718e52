// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title HashBridge registry
/// @notice The only state the two HashBridge operators share. It holds hashes, pseudonymous
///         identifiers, statuses and times; never a name, an identity number or document content.
/// @dev Institution identifiers are SHA-256 of the institution's id (for example "hk.transunion");
///      jurisdictions are ASCII codes right-padded into bytes32 ("HK", "SZ").
contract HashBridgeRegistry is Ownable {
    enum ConsentStatus {
        NONE,
        AUTHORISED,
        REVOKED
    }

    struct Operator {
        bytes32 jurisdiction;
        bool active;
    }

    /// @dev An issuer or a verifier, registered by the operator of its jurisdiction.
    struct Institution {
        bytes32 jurisdiction;
        bool active;
    }

    struct Anchor {
        bytes32 issuer;
        address operator;
        uint64 anchoredAt;
        uint32 leafCount;
    }

    struct Consent {
        bytes32 issuer;
        address operator;
        uint64 validUntil;
        uint64 updatedAt;
        ConsentStatus status;
    }

    mapping(address => Operator) public operators;
    mapping(bytes32 => Institution) public issuers;
    mapping(bytes32 => Institution) public verifiers;
    mapping(bytes32 => Anchor) public anchors;
    mapping(bytes32 => uint64) public revokedAt;
    mapping(bytes32 => Consent) public consents;

    event OperatorRegistered(address indexed account, bytes32 jurisdiction);
    event OperatorDeactivated(address indexed account);
    event IssuerRegistered(bytes32 indexed issuer, bytes32 jurisdiction);
    event IssuerStatusChanged(bytes32 indexed issuer, bool active);
    event VerifierRegistered(bytes32 indexed verifier, bytes32 jurisdiction);
    event VerifierStatusChanged(bytes32 indexed verifier, bool active);
    event RootAnchored(bytes32 indexed root, bytes32 indexed issuer, address operator, uint32 leafCount);
    event LeafRevoked(bytes32 indexed leaf, bytes32 indexed root, bytes32 indexed issuer);
    event ConsentRecorded(bytes32 indexed commitment, bytes32 indexed issuer, uint64 validUntil);
    event ConsentRevoked(bytes32 indexed commitment, bytes32 indexed issuer);
    event ConsentAccessed(bytes32 indexed commitment, bytes32 indexed verifier, bytes32 receipt, bool verified);

    error NotAnOperator(address account);
    error ForeignJurisdiction(bytes32 issuer, bytes32 issuerJurisdiction, bytes32 operatorJurisdiction);
    error UnknownIssuer(bytes32 issuer);
    error IssuerAlreadyRegistered(bytes32 issuer);
    error UnknownVerifier(bytes32 verifier);
    error VerifierAlreadyRegistered(bytes32 verifier);
    error RootAlreadyAnchored(bytes32 root);
    error UnknownRoot(bytes32 root);
    error LeafAlreadyRevoked(bytes32 leaf);
    error ConsentAlreadyRecorded(bytes32 commitment);
    error UnknownConsent(bytes32 commitment);
    error ConsentNotAuthorised(bytes32 commitment);
    error InvalidArgument();

    constructor(address governance) Ownable(governance) {}

    modifier onlyOperator() {
        if (!operators[msg.sender].active) revert NotAnOperator(msg.sender);
        _;
    }

    /// @dev An operator may act for an issuer only when both sit in the same jurisdiction.
    modifier onlyHomeOperatorOf(bytes32 issuer) {
        Operator storage op = operators[msg.sender];
        if (!op.active) revert NotAnOperator(msg.sender);
        Institution storage iss = issuers[issuer];
        if (iss.jurisdiction == bytes32(0)) revert UnknownIssuer(issuer);
        if (iss.jurisdiction != op.jurisdiction) {
            revert ForeignJurisdiction(issuer, iss.jurisdiction, op.jurisdiction);
        }
        _;
    }

    function registerOperator(address account, bytes32 jurisdiction) external onlyOwner {
        if (account == address(0) || jurisdiction == bytes32(0)) revert InvalidArgument();
        operators[account] = Operator(jurisdiction, true);
        emit OperatorRegistered(account, jurisdiction);
    }

    function deactivateOperator(address account) external onlyOwner {
        if (!operators[account].active) revert NotAnOperator(account);
        operators[account].active = false;
        emit OperatorDeactivated(account);
    }

    /// @notice Registers an issuer in the calling operator's own jurisdiction.
    function registerIssuer(bytes32 issuer) external onlyOperator {
        if (issuer == bytes32(0)) revert InvalidArgument();
        if (issuers[issuer].jurisdiction != bytes32(0)) revert IssuerAlreadyRegistered(issuer);
        bytes32 jurisdiction = operators[msg.sender].jurisdiction;
        issuers[issuer] = Institution(jurisdiction, true);
        emit IssuerRegistered(issuer, jurisdiction);
    }

    function setIssuerActive(bytes32 issuer, bool active) external onlyHomeOperatorOf(issuer) {
        issuers[issuer].active = active;
        emit IssuerStatusChanged(issuer, active);
    }

    /// @notice Registers a verifier (a bank) in the calling operator's own jurisdiction, so that the
    ///         other side can tell a consent names a real institution.
    function registerVerifier(bytes32 verifier) external onlyOperator {
        if (verifier == bytes32(0)) revert InvalidArgument();
        if (verifiers[verifier].jurisdiction != bytes32(0)) revert VerifierAlreadyRegistered(verifier);
        bytes32 jurisdiction = operators[msg.sender].jurisdiction;
        verifiers[verifier] = Institution(jurisdiction, true);
        emit VerifierRegistered(verifier, jurisdiction);
    }

    function setVerifierActive(bytes32 verifier, bool active) external onlyOperator {
        bytes32 jurisdiction = verifiers[verifier].jurisdiction;
        if (jurisdiction == bytes32(0)) revert UnknownVerifier(verifier);
        if (jurisdiction != operators[msg.sender].jurisdiction) {
            revert ForeignJurisdiction(verifier, jurisdiction, operators[msg.sender].jurisdiction);
        }
        verifiers[verifier].active = active;
        emit VerifierStatusChanged(verifier, active);
    }

    /// @notice Anchors the Merkle root of a batch of leaves issued by `issuer`.
    function anchorRoot(bytes32 issuer, bytes32 root, uint32 leafCount) external onlyHomeOperatorOf(issuer) {
        if (root == bytes32(0) || leafCount == 0) revert InvalidArgument();
        if (anchors[root].anchoredAt != 0) revert RootAlreadyAnchored(root);
        anchors[root] = Anchor(issuer, msg.sender, uint64(block.timestamp), leafCount);
        emit RootAnchored(root, issuer, msg.sender, leafCount);
    }

    /// @notice Revokes one leaf of an anchored batch; only the anchoring jurisdiction may.
    function revokeLeaf(bytes32 root, bytes32 leaf) external {
        Anchor storage anchor = anchors[root];
        if (anchor.anchoredAt == 0) revert UnknownRoot(root);
        _requireHomeOperator(anchor.issuer);
        if (revokedAt[leaf] != 0) revert LeafAlreadyRevoked(leaf);
        revokedAt[leaf] = uint64(block.timestamp);
        emit LeafRevoked(leaf, root, anchor.issuer);
    }

    /// @notice Records a resident's consent commitment; the consent names `issuer`, so only its home
    ///         operator may record it.
    function recordConsent(bytes32 commitment, bytes32 issuer, uint64 validUntil)
        external
        onlyHomeOperatorOf(issuer)
    {
        if (commitment == bytes32(0) || validUntil <= block.timestamp) revert InvalidArgument();
        if (consents[commitment].status != ConsentStatus.NONE) revert ConsentAlreadyRecorded(commitment);
        consents[commitment] =
            Consent(issuer, msg.sender, validUntil, uint64(block.timestamp), ConsentStatus.AUTHORISED);
        emit ConsentRecorded(commitment, issuer, validUntil);
    }

    function revokeConsent(bytes32 commitment) external {
        Consent storage consent = consents[commitment];
        if (consent.status == ConsentStatus.NONE) revert UnknownConsent(commitment);
        _requireHomeOperator(consent.issuer);
        if (consent.status != ConsentStatus.AUTHORISED) revert ConsentNotAuthorised(commitment);
        consent.status = ConsentStatus.REVOKED;
        consent.updatedAt = uint64(block.timestamp);
        emit ConsentRevoked(commitment, consent.issuer);
    }

    /// @notice Records that `verifier` used a consent, with the verdict and the hash of the receipt its
    ///         node signed. Only the verifier's own operator may: verifications happen on the other side
    ///         of the border from the consent's home. Kept only as an event, for the resident's home node.
    function recordAccess(bytes32 commitment, bytes32 verifier, bytes32 receipt, bool verified) external onlyOperator {
        _recordAccess(commitment, verifier, receipt, verified);
    }

    /// @notice `recordAccess` for up to 256 accesses in one transaction; all are recorded or none.
    function recordAccesses(
        bytes32[] calldata commitments,
        bytes32[] calldata verifierKeys,
        bytes32[] calldata receipts,
        bool[] calldata verified
    ) external onlyOperator {
        uint256 n = commitments.length;
        if (n == 0 || n > 256 || verifierKeys.length != n || receipts.length != n || verified.length != n) {
            revert InvalidArgument();
        }
        for (uint256 i = 0; i < n; i++) {
            _recordAccess(commitments[i], verifierKeys[i], receipts[i], verified[i]);
        }
    }

    function _recordAccess(bytes32 commitment, bytes32 verifier, bytes32 receipt, bool verified) private {
        if (consents[commitment].status == ConsentStatus.NONE) revert UnknownConsent(commitment);
        if (receipt == bytes32(0)) revert InvalidArgument();
        bytes32 jurisdiction = verifiers[verifier].jurisdiction;
        if (jurisdiction == bytes32(0)) revert UnknownVerifier(verifier);
        if (jurisdiction != operators[msg.sender].jurisdiction) {
            revert ForeignJurisdiction(verifier, jurisdiction, operators[msg.sender].jurisdiction);
        }
        emit ConsentAccessed(commitment, verifier, receipt, verified);
    }

    function _requireHomeOperator(bytes32 issuer) private view {
        Operator storage op = operators[msg.sender];
        if (!op.active) revert NotAnOperator(msg.sender);
        bytes32 jurisdiction = issuers[issuer].jurisdiction;
        if (jurisdiction != op.jurisdiction) revert ForeignJurisdiction(issuer, jurisdiction, op.jurisdiction);
    }
}
