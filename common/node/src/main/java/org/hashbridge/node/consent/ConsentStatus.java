package org.hashbridge.node.consent;

public enum ConsentStatus {
    AUTHORISED,
    REVOKED
}
