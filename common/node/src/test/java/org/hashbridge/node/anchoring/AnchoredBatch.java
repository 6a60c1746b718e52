package org.hashbridge.node.anchoring;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Leaf;
import org.hashbridge.protocol.MerkleTree;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.hashbridge.protocol.Voucher;

/** A batch of real leaves of one resident's credit reports, anchored: its members hold their vouchers. */
record AnchoredBatch(AnchorBatch batch, List<AnchorSubmission> members) {

    static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    static final Instant VALID_UNTIL = Instant.parse("2027-03-02T00:00:00Z");

    static AnchoredBatch of(int leaves, long block, Instant minedAt) {
        List<AnchorSubmission> members = new ArrayList<>();
        for (int i = 0; i < leaves; i++) {
            Leaf leaf = new Leaf(DigestAlgorithm.SHA_256.digest(("credit report " + i).getBytes(UTF_8)), Salt.random(),
                    new InstitutionId("hk.transunion"), new DocumentType("credit-report"), VALID_UNTIL,
                    SubjectReference.derive("hk-node subject key, for unit tests only".getBytes(UTF_8), "HK-A1234567"));
            members.add(new AnchorSubmission(UUID.randomUUID(), null, leaf, minedAt.minusSeconds(10)));
        }
        MerkleTree tree = MerkleTree.of(members.stream().map(AnchorSubmission::leafHash).toList());
        AnchorBatch batch = new AnchorBatch(UUID.randomUUID(), "hk.transunion", tree.root(), leaves, minedAt.minusSeconds(5));
        ChainWrite write = new ChainWrite("0x0" + block, block, minedAt);
        for (int i = 0; i < leaves; i++) {
            AnchorSubmission member = members.get(i);
            member.assignTo(batch.id(), i);
            member.anchored(Voucher.issue(member.id().toString(), member.toLeaf(), tree.proof(i), tree.root(),
                    new Voucher.ChainLocation(31337, REGISTRY, write.txHash(), block)), write.txHash(), block, minedAt);
        }
        batch.anchored(31337, REGISTRY, write);
        return new AnchoredBatch(batch, members);
    }

    /** The member at {@code index}, revoked on chain at {@code at}. */
    AnchorSubmission revoked(int index, Instant at) {
        AnchorSubmission member = members.get(index);
        member.requestRevocation("report superseded", at);
        member.revoked(at);
        return member;
    }
}
