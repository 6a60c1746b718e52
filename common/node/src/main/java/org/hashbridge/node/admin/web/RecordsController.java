package org.hashbridge.node.admin.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.hashbridge.node.admin.Listing;
import org.hashbridge.node.admin.AdminProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Anchors and verifications, searched by id, institution, document type, days and status or verdict; a
 * verification shown with its six checks and its signed receipt. A malformed filter is shown on the page,
 * in its language, and nothing is searched.
 */
@Controller
@RequestMapping("/admin")
class RecordsController {

    static final List<String> ANCHOR_STATUSES = List.of("PENDING", "ANCHORED", "REVOKING", "REVOKED");
    static final List<String> VERDICTS = List.of("VERIFIED", "REJECTED");

    private final Records records;
    private final AdminProperties settings;
    private final JsonMapper json;

    RecordsController(Records records, AdminProperties settings, JsonMapper json) {
        this.records = records;
        this.settings = settings;
        this.json = json;
    }

    @GetMapping("/anchors")
    String anchors(@ModelAttribute("search") Search search, BindingResult binding, Model model) {
        return search("anchors", ANCHOR_STATUSES, "field.issuer", search, binding, model,
                () -> records.anchors(search, settings.pageSize()));
    }

    @GetMapping("/verifications")
    String verifications(@ModelAttribute("search") Search search, BindingResult binding, Model model) {
        return search("verifications", VERDICTS, "search.institution", search, binding, model,
                () -> records.verifications(search, settings.pageSize()));
    }

    /** One search page: the form with what was asked, and the results unless a filter is malformed. */
    private static String search(String page, List<String> statuses, String institutionLabel, Search search,
                                 BindingResult binding, Model model, Supplier<Listing<?>> results) {
        model.addAttribute("page", page);
        model.addAttribute("statuses", statuses);
        model.addAttribute("institutionLabel", institutionLabel);
        model.addAttribute("statusLabel", page.equals("anchors") ? "field.status" : "field.verdict");
        model.addAttribute("query", search.query());
        if (!binding.hasErrors() && valid(search.getStatus(), statuses, binding)) {
            model.addAttribute("results", results.get());
        }
        return "admin/records";
    }

    @GetMapping("/verifications/{id}")
    String verification(@PathVariable UUID id, Model model) {
        Records.VerificationDetail detail = records.verification(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("verification", detail);
        model.addAttribute("checks", json.readValue(detail.checksJson(), new TypeReference<List<Map<String, Object>>>() {
        }));
        model.addAttribute("receiptPayload", payload(detail.receipt()));
        return "admin/verification";
    }

    private static boolean valid(String status, List<String> allowed, BindingResult binding) {
        if (status != null && !allowed.contains(status)) {
            binding.rejectValue("status", "search.status.invalid");
            return false;
        }
        return binding.getFieldErrorCount() == 0;
    }

    /** The receipt's claims, decoded from its compact JWS for reading; the JWS itself is what a bank verifies. */
    private String payload(String jws) {
        String[] parts = jws.split("\\.");
        if (parts.length != 3) {
            return "";
        }
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(claims));
    }
}
