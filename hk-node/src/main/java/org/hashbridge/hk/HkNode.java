package org.hashbridge.hk;

import org.hashbridge.node.HashBridgeNode;

/** The Hong Kong operator's node: the shared node with {@code hk-node.yml}. */
public final class HkNode {

    private HkNode() {
    }

    public static void main(String[] args) {
        HashBridgeNode.main("hk-node", args);
    }
}
