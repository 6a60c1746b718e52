package org.hashbridge.node.anchoring;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hashbridge.protocol.DigestAlgorithm;
import org.springframework.data.domain.Persistable;

/**
 * A bulk anchoring request as the node answered it: the anchors it named, in its order, whether it created
 * them or found them stored. Never changes once stored.
 */
@Entity
@Table(name = "anchor_request")
class AnchorRequest implements Persistable<UUID> {

    @Id
    private UUID id;
    private String issuer;
    private String fingerprint;
    @Column(name = "item_count")
    private int itemCount;
    @Column(name = "created_at")
    private Instant createdAt;
    @ElementCollection
    @CollectionTable(name = "anchor_request_item", joinColumns = @JoinColumn(name = "request_id"))
    @OrderColumn(name = "position")
    @Column(name = "anchor_id")
    private List<UUID> anchors = new ArrayList<>();
    @Transient
    private boolean fresh;

    protected AnchorRequest() {
    }

    AnchorRequest(String issuer, List<UUID> anchors, Instant createdAt) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("a request names at least one anchor");
        }
        this.id = UUID.randomUUID();
        this.issuer = issuer;
        this.fingerprint = fingerprint(anchors);
        this.itemCount = anchors.size();
        this.createdAt = createdAt;
        this.anchors = new ArrayList<>(anchors);
        this.fresh = true;
    }

    /** SHA-256 over the anchor ids in order: two requests naming the same anchors in the same order share it. */
    static String fingerprint(List<UUID> anchors) {
        ByteBuffer bytes = ByteBuffer.allocate(anchors.size() * 16);
        anchors.forEach(id -> bytes.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()));
        return DigestAlgorithm.SHA_256.digest(bytes.array()).hex();
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    int itemCount() {
        return itemCount;
    }
}
