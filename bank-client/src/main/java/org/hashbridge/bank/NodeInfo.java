package org.hashbridge.bank;

import java.util.List;

/**
 * What a node says about itself at {@code GET /api/v1/node}.
 *
 * @param operator          the operator's short name, such as {@code sz} or {@code hk}
 * @param jurisdiction      the node's home jurisdiction, such as {@code SZ}
 * @param chainId           the chain the node anchors on
 * @param registryAddress   the registry contract's address, {@code 0x}-prefixed hex
 * @param digestAlgorithms  the digest algorithms the node accepts, such as {@code sha-256}; never null
 */
public record NodeInfo(String operator, String jurisdiction, long chainId, String registryAddress,
                       List<String> digestAlgorithms) {

    public NodeInfo {
        digestAlgorithms = digestAlgorithms == null ? List.of() : List.copyOf(digestAlgorithms);
    }
}
