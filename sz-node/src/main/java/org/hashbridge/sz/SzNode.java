package org.hashbridge.sz;

import org.hashbridge.node.HashBridgeNode;

/** The Shenzhen operator's node: the shared node with {@code sz-node.yml}. */
public final class SzNode {

    private SzNode() {
    }

    public static void main(String[] args) {
        HashBridgeNode.main("sz-node", args);
    }
}
