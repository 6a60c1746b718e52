package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeafTest {

    private static final Leaf BASE = Fixtures.creditReportLeaf();

    /** The base leaf and, after it, one leaf per field with only that field changed. */
    private static List<Leaf> baseAndSingleFieldChanges() {
        byte[] flipped = BASE.digest().value().bytes();
        flipped[31] ^= 1;
        byte[] saltBytes = BASE.salt().bytes();
        saltBytes[0] ^= 1;
        return List.of(
                BASE,
                new Leaf(new Digest(DigestAlgorithm.SHA_256, Hash32.of(flipped)), BASE.salt(), BASE.issuer(),
                        BASE.documentType(), BASE.validUntil(), BASE.subject()),
                new Leaf(new Digest(DigestAlgorithm.SM3, BASE.digest().value()), BASE.salt(), BASE.issuer(),
                        BASE.documentType(), BASE.validUntil(), BASE.subject()),
                new Leaf(BASE.digest(), Salt.of(saltBytes), BASE.issuer(), BASE.documentType(), BASE.validUntil(),
                        BASE.subject()),
                new Leaf(BASE.digest(), BASE.salt(), new InstitutionId("cn.baihang"), BASE.documentType(),
                        BASE.validUntil(), BASE.subject()),
                new Leaf(BASE.digest(), BASE.salt(), BASE.issuer(), Fixtures.BANK_STATEMENT, BASE.validUntil(),
                        BASE.subject()),
                new Leaf(BASE.digest(), BASE.salt(), BASE.issuer(), BASE.documentType(),
                        BASE.validUntil().plusSeconds(1), BASE.subject()),
                new Leaf(BASE.digest(), BASE.salt(), BASE.issuer(), BASE.documentType(), BASE.validUntil(),
                        SubjectReference.derive(Fixtures.subjectKey(), "HK-A1234568")));
    }

    @Test
    void changingAnySingleFieldChangesTheCommitmentAndTheLeafHash() {
        List<Leaf> leaves = baseAndSingleFieldChanges();
        Set<Hash32> commitments = new HashSet<>();
        Set<Hash32> hashes = new HashSet<>();
        for (Leaf leaf : leaves) {
            commitments.add(leaf.commitment());
            hashes.add(leaf.hash());
        }

        assertThat(commitments).hasSize(leaves.size());
        assertThat(hashes).hasSize(leaves.size());
    }

    @Test
    void aSaltOfAnotherLengthWithTheSamePrefixChangesTheCommitment() {
        byte[] longer = new byte[33];
        System.arraycopy(BASE.salt().bytes(), 0, longer, 0, 32);
        Leaf withLongerSalt = new Leaf(BASE.digest(), Salt.of(longer), BASE.issuer(), BASE.documentType(),
                BASE.validUntil(), BASE.subject());

        assertThat(withLongerSalt.commitment()).isNotEqualTo(BASE.commitment());
    }

    @Test
    void theCommitmentDependsOnlyOnTheFields() {
        assertThat(Fixtures.creditReportLeaf().commitment()).isEqualTo(BASE.commitment());
    }

    @Test
    void theLeafHashIsTheRfc6962LeafHashOfTheCommitment() {
        assertThat(BASE.hash().bytes()).isEqualTo(Fixtures.sha256(new byte[] {0x00}, BASE.commitment().bytes()));
    }

    @Test
    void theLeafHashIsNotTheBareCommitment() {
        assertThat(BASE.hash()).isNotEqualTo(BASE.commitment());
    }

    @Test
    void validUntilMustBeWholeSeconds() {
        assertRejected(() -> new Leaf(BASE.digest(), BASE.salt(), BASE.issuer(), BASE.documentType(),
                Instant.parse("2027-06-30T23:59:59.500Z"), BASE.subject()), "INVALID_VALID_UNTIL");
    }

    /** A leaf writes validUntil as an unsigned 64-bit number: a time before 1970 would wrap around. */
    @Test
    void validUntilLiesFrom1970ToYear9999() {
        assertRejected(() -> new Leaf(BASE.digest(), BASE.salt(), BASE.issuer(), BASE.documentType(),
                Instant.parse("1969-12-31T23:59:59Z"), BASE.subject()), "INVALID_VALID_UNTIL");
        assertRejected(() -> new Leaf(BASE.digest(), BASE.salt(), BASE.issuer(), BASE.documentType(),
                Instant.parse("+10000-01-01T00:00:00Z"), BASE.subject()), "INVALID_VALID_UNTIL");
    }
}
