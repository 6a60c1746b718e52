package org.hashbridge.node.admin.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * What an operator searches anchors or verifications by: never personal data (no subject, no digest), only
 * an id, the institutions, the document type, a day range (UTC, both days included) and a status or verdict.
 * Each field is optional; a malformed one is a binding error shown on the page, never a failure.
 */
class Search {

    private UUID id;
    private String institution;
    private String documentType;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate from;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate to;
    private String status;
    private int page;

    // a form bean: Spring binds request parameters through its setters and keeps a malformed one as an error
    public UUID getId() {
        return id;
    }

    public void setId(UUID id) {
        this.id = id;
    }

    public String getInstitution() {
        return institution;
    }

    public void setInstitution(String institution) {
        this.institution = blankToNull(institution);
    }

    public String getDocumentType() {
        return documentType;
    }

    public void setDocumentType(String documentType) {
        this.documentType = blankToNull(documentType);
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = blankToNull(status);
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Math.max(page, 0);
    }

    /** The filters as a query string to append to a pager's link: {@code &institution=...}. */
    String query() {
        var query = org.springframework.web.util.UriComponentsBuilder.newInstance();
        if (id != null) {
            query.queryParam("id", id);
        }
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("institution", institution);
        fields.put("documentType", documentType);
        fields.put("from", from);
        fields.put("to", to);
        fields.put("status", status);
        fields.forEach((name, value) -> {
            if (value != null) {
                query.queryParam(name, value);
            }
        });
        String built = query.encode().build().getQuery();
        return built == null ? "" : "&" + built;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** The SQL conditions and their parameters, for a table's id, institution, type, time and status columns. */
    Where where(String institutionColumns, String timeColumn, String statusColumn) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (id != null) {
            conditions.add("id = ?");
            params.add(id);
        }
        if (institution != null) {
            List<String> columns = List.of(institutionColumns.split(","));
            conditions.add("(" + String.join(" or ", columns.stream().map(c -> c.trim() + " = ?").toList()) + ")");
            columns.forEach(c -> params.add(institution));
        }
        if (documentType != null) {
            conditions.add("document_type = ?");
            params.add(documentType);
        }
        if (from != null) {
            conditions.add(timeColumn + " >= ?");
            params.add(Timestamp.from(from.atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        if (to != null) {
            conditions.add(timeColumn + " < ?");
            params.add(Timestamp.from(to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        if (status != null) {
            conditions.add(statusColumn + " = ?");
            params.add(status);
        }
        return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), params);
    }

    record Where(String sql, List<Object> params) {
    }
}
