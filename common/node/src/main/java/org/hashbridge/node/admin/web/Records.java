package org.hashbridge.node.admin.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.node.admin.Listing;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Anchors and verifications as the dashboard lists them, newest first: what they were about (institutions,
 * document type, status, times, chain coordinates) and never whom (no subject reference, no digest).
 */
@Component
class Records {

    record AnchorRow(UUID id, String issuer, String documentType, String status, Instant createdAt,
                     Instant anchoredAt, Long block, String txHash) {
    }

    record VerificationRow(UUID id, String verifier, String issuer, String documentType, String verdict,
                           Instant verifiedAt, String accessStatus) {
    }

    /** One verification with its checks (as answered, JSON) and its signed receipt (a compact JWS). */
    record VerificationDetail(VerificationRow row, String root, String leaf, String consentCommitment,
                              String checksJson, String receipt, String accessTx) {
    }

    private final JdbcClient jdbc;

    Records(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Listing<AnchorRow> anchors(Search search, int size) {
        Search.Where where = search.where("issuer", "created_at", "status");
        return page(jdbc.sql("select id, issuer, document_type, status, created_at, anchored_at, block_number, tx_hash"
                        + " from anchor_submission" + where.sql() + " order by created_at desc, id limit ? offset ?")
                .params(withPage(where, search, size))
                .query((rs, n) -> new AnchorRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), NodeFigures.instant(rs.getTimestamp(5)), NodeFigures.instant(rs.getTimestamp(6)),
                        (Long) rs.getObject(7), rs.getString(8)))
                .list(), search, size);
    }

    Listing<VerificationRow> verifications(Search search, int size) {
        Search.Where where = search.where("verifier, issuer", "verified_at", "verdict");
        return page(jdbc.sql("select " + VERIFICATION_COLUMNS + " from verification" + where.sql()
                        + " order by verified_at desc, id limit ? offset ?")
                .params(withPage(where, search, size))
                .query((rs, n) -> verificationRow(rs))
                .list(), search, size);
    }

    Optional<VerificationDetail> verification(UUID id) {
        return jdbc.sql("select " + VERIFICATION_COLUMNS + ", root, leaf, consent_commitment, checks, receipt, access_tx"
                        + " from verification where id = ?")
                .param(id)
                .query((rs, n) -> new VerificationDetail(verificationRow(rs), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)))
                .optional();
    }

    private static final String VERIFICATION_COLUMNS =
            "id, verifier, issuer, document_type, verdict, verified_at, access_status";

    private static VerificationRow verificationRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new VerificationRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), NodeFigures.instant(rs.getTimestamp(6)), rs.getString(7));
    }

    private static List<Object> withPage(Search.Where where, Search search, int size) {
        List<Object> params = new ArrayList<>(where.params());
        params.add(size + 1);
        params.add(Listing.offset(search.getPage(), size));
        return params;
    }

    private static <T> Listing<T> page(List<T> rows, Search search, int size) {
        return Listing.of(rows, search.getPage(), size);
    }
}
