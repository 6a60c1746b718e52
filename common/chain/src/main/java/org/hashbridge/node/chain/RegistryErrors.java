package org.hashbridge.node.chain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.crypto.Hash;

/**
 * Names the error in a registry revert: the first four bytes of the revert data are the Keccak-256
 * selector of the error's signature. The signatures mirror HashBridgeRegistry.sol (and the
 * OpenZeppelin Ownable errors it inherits); RegistryErrorsTest checks them against the compiled ABI.
 */
final class RegistryErrors {

    static final List<String> SIGNATURES = List.of(
            "NotAnOperator(address)",
            "ForeignJurisdiction(bytes32,bytes32,bytes32)",
            "ForeignNamespace(bytes2,bytes2)",
            "UnknownJurisdiction(bytes32)",
            "JurisdictionAlreadyAdmitted(bytes32,bytes2)",
            "OperatorOfAnotherJurisdiction(address,bytes32)",
            "UnknownIssuer(bytes32)",
            "IssuerAlreadyRegistered(bytes32)",
            "IssuerSuspended(bytes32)",
            "UnknownVerifier(bytes32)",
            "VerifierAlreadyRegistered(bytes32)",
            "VerifierSuspended(bytes32)",
            "RootAlreadyAnchored(bytes32)",
            "UnknownRoot(bytes32)",
            "RootAlreadyRevoked(bytes32)",
            "LeafNotInRoot(bytes32,bytes32)",
            "LeafAlreadyRevoked(bytes32)",
            "ConsentAlreadyRecorded(bytes32)",
            "UnknownConsent(bytes32)",
            "ConsentNotAuthorised(bytes32)",
            "AccessAlreadyRecorded(bytes32)",
            "AccessLimitReached(bytes32,bytes32)",
            "NotTheConsentsVerifier(bytes32,bytes32)",
            "ResidentKeyAlreadyBound(bytes32)",
            "ResidentKeyNotBound(bytes32)",
            "ResidentKeyMismatch(bytes32)",
            "ResidentApprovalInvalid(bytes32)",
            "NoResidentKeyRecovery(bytes32)",
            "RecoveryNotDue(bytes32,uint64)",
            "GovernanceCannotBeRenounced()",
            "InvalidArgument()",
            "OwnableUnauthorizedAccount(address)",
            "OwnableInvalidOwner(address)",
            "Error(string)",
            "Panic(uint256)");

    private static final String ERROR_STRING = selector("Error(string)");
    /** The Safe that governs the registry reverts with short codes such as "GS025" (too few approvals). */
    private static final Pattern REASON_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9]{1,31}");

    private static final Pattern QUOTED_HEX = Pattern.compile("\"(0x[0-9a-fA-F]*)\"");

    private static final Map<String, String> NAME_BY_SELECTOR = SIGNATURES.stream()
            .collect(Collectors.toUnmodifiableMap(RegistryErrors::selector, RegistryErrors::name));

    private RegistryErrors() {
    }

    /**
     * The error name in {@code revertData} ({@code 0x}-prefixed hex, as JSON-RPC returns it), or
     * {@link ChainRejected#UNKNOWN_ERROR} when it is null, too short or matches no known error.
     */
    static String nameOf(String revertData) {
        if (revertData == null || !revertData.startsWith("0x") || revertData.length() < 10) {
            return ChainRejected.UNKNOWN_ERROR;
        }
        String selector = revertData.substring(0, 10).toLowerCase(Locale.ROOT);
        if (selector.equals(ERROR_STRING)) {
            return reasonCode(revertData);
        }
        return NAME_BY_SELECTOR.getOrDefault(selector, ChainRejected.UNKNOWN_ERROR);
    }

    /**
     * The revert data in a JSON-RPC error's {@code data} member, which web3j keeps as raw JSON: a
     * quoted hex string (anvil, geth, Besu) or an object holding one. Null when there is none.
     */
    static String revertData(String errorDataJson) {
        if (errorDataJson == null) {
            return null;
        }
        Matcher hex = QUOTED_HEX.matcher(errorDataJson);
        if (hex.find()) {
            return hex.group(1);
        }
        String bare = errorDataJson.strip();
        return bare.startsWith("0x") ? bare : null;
    }

    /** The error named by a JSON-RPC error's {@code data} member; see {@link #revertData}. */
    static String nameOfErrorData(String errorDataJson) {
        return nameOf(revertData(errorDataJson));
    }

    /** The reason of an {@code Error(string)} revert when it is a short code, else {@code "Error"}. */
    private static String reasonCode(String revertData) {
        try {
            List<Type> decoded = FunctionReturnDecoder.decode(revertData.substring(10),
                    List.of(TypeReference.create((Class<Type>) (Class<?>) Utf8String.class)));
            String reason = decoded.isEmpty() ? "" : (String) decoded.get(0).getValue();
            return REASON_CODE.matcher(reason).matches() ? reason : "Error";
        } catch (RuntimeException malformed) {
            return "Error";
        }
    }

    /** {@code 0x} and the first four bytes of Keccak-256 of the signature. */
    static String selector(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }

    private static String name(String signature) {
        return signature.substring(0, signature.indexOf('('));
    }
}
