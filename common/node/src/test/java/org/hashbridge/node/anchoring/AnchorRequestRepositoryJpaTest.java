package org.hashbridge.node.anchoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hashbridge.node.anchoring.Anchors.SUBMITTED;
import static org.hashbridge.node.anchoring.Anchors.submission;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.hashbridge.node.database.JpaSliceTest;
import org.hashbridge.node.database.Rows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Bulk anchoring requests: the anchors each named in its order, found again by issuer and fingerprint, on PostgreSQL. */
@JpaSliceTest
class AnchorRequestRepositoryJpaTest {

    private static final String TRANSUNION = "hk.transunion";
    private static final String EQUIFAX = "hk.equifax";

    @Autowired
    private AnchorRequestRepository requests;
    @Autowired
    private AnchorRepository anchors;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private Rows rows;

    /** Five anchors of Transunion, TU-0 to TU-4, submitted a second apart. */
    private List<UUID> stored;

    @BeforeEach
    void fiveAnchors() {
        rows.institution(TRANSUNION, "ISSUER").institution(EQUIFAX, "ISSUER");
        stored = IntStream.range(0, 5).mapToObj(i -> anchors.save(
                submission(TRANSUNION, "TU-" + i, "report " + i, SUBMITTED.plusSeconds(i))).id()).toList();
        anchors.flush();
    }

    /** The stored anchors at {@code indexes}, in that order. */
    private List<UUID> anchorsAt(int... indexes) {
        return IntStream.of(indexes).mapToObj(stored::get).toList();
    }

    private AnchorRequest storedRequest(String issuer, List<UUID> named) {
        return requests.saveAndFlush(new AnchorRequest(issuer, named, SUBMITTED.plusSeconds(60)));
    }

    @Test
    void aRequestKeepsTheAnchorsItNamedInItsOrderAndIsFoundByItsIssuerOnly() {
        List<UUID> named = anchorsAt(4, 2, 0, 3);
        UUID id = storedRequest(TRANSUNION, named).getId();

        assertThat(jdbc.queryForList("select anchor_id from anchor_request_item where request_id = ? order by position",
                UUID.class, id)).isEqualTo(named);
        assertThat(jdbc.queryForList("select position from anchor_request_item where request_id = ? order by position",
                Integer.class, id)).containsExactly(0, 1, 2, 3);
        assertThat(requests.findByIdAndIssuer(id, TRANSUNION)).get().extracting(AnchorRequest::itemCount).isEqualTo(4);
        assertThat(requests.findByIdAndIssuer(id, EQUIFAX)).isEmpty();
        assertThat(requests.findByIdAndIssuer(UUID.randomUUID(), TRANSUNION)).isEmpty();
    }

    @Test
    void theSameAnchorsInTheSameOrderAreTheSameRequestAndInAnotherOrderAnother() {
        UUID id = storedRequest(TRANSUNION, anchorsAt(0, 1, 2)).getId();

        assertThat(requests.findByIssuerAndFingerprint(TRANSUNION, AnchorRequest.fingerprint(anchorsAt(0, 1, 2))))
                .get().extracting(AnchorRequest::getId).isEqualTo(id);
        assertThat(requests.findByIssuerAndFingerprint(TRANSUNION, AnchorRequest.fingerprint(anchorsAt(2, 1, 0)))).isEmpty();
        assertThat(requests.findByIssuerAndFingerprint(TRANSUNION, AnchorRequest.fingerprint(anchorsAt(0, 1)))).isEmpty();
        assertThat(requests.findByIssuerAndFingerprint(EQUIFAX, AnchorRequest.fingerprint(anchorsAt(0, 1, 2)))).isEmpty();
    }

    @Test
    void anIssuerStoresOneRequestPerFingerprint() {
        storedRequest(TRANSUNION, anchorsAt(0, 1, 2));
        storedRequest(TRANSUNION, anchorsAt(2, 1, 0));

        assertThatThrownBy(() -> storedRequest(TRANSUNION, anchorsAt(0, 1, 2)))
                .as("the same request sent twice at once: the second one reads the first one's instead")
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aRequestNamesOnlyStoredAnchors() {
        assertThatThrownBy(() -> storedRequest(TRANSUNION, List.of(stored.get(0), UUID.randomUUID())))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aRequestIsOfAnInstitutionOfThisNode() {
        assertThatThrownBy(() -> storedRequest("hk.nobody", anchorsAt(0)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aRequestNamesAtLeastOneAnchor() {
        UUID id = storedRequest(TRANSUNION, anchorsAt(0)).getId();

        assertThatThrownBy(() -> new AnchorRequest(TRANSUNION, List.of(), SUBMITTED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jdbc.update("update anchor_request set item_count = 0 where id = ?", id))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aPageOfARequestsAnchorsFollowsTheRequestsOrderAndNoOtherRequestsOrAnchors() {
        UUID id = storedRequest(TRANSUNION, anchorsAt(4, 2, 0, 3)).getId();
        storedRequest(TRANSUNION, anchorsAt(1, 2));

        assertThat(page(id, 0, 2)).isEqualTo(anchorsAt(4, 2));
        assertThat(page(id, 2, 2)).isEqualTo(anchorsAt(0, 3));
        assertThat(page(id, 3, 50)).isEqualTo(anchorsAt(3));
        assertThat(page(id, 4, 50)).isEmpty();
        assertThat(anchors.findInRequest(id, 0, 1)).singleElement().extracting(AnchorSubmission::reference)
                .isEqualTo(Optional.of("TU-4"));
    }

    private List<UUID> page(UUID request, long offset, int limit) {
        return anchors.findInRequest(request, offset, limit).stream().map(AnchorSubmission::id).toList();
    }
}
