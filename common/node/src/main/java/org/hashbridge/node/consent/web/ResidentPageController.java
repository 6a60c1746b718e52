package org.hashbridge.node.consent.web;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.consent.Access;
import org.hashbridge.node.consent.AccessPage;
import org.hashbridge.node.consent.ConsentService;
import org.hashbridge.node.consent.ConsentView;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.node.institution.InstitutionLifecycle;
import org.hashbridge.node.institution.InstitutionView;
import org.hashbridge.node.institution.ResidentKeyView;
import org.hashbridge.node.institution.ResidentKeys;
import org.hashbridge.node.institution.Role;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.FreeText;
import org.hashbridge.protocol.InvalidInput;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resident page's screens: sign-in, the resident's consents with who checked each, a new consent (a form, then a
 * review of exactly what it covers, approved with the passkey by {@link ResidentPageApi}), one consent with its token
 * and receipt to download, and the passkey. It calls the services the API calls, as the resident signed in; a refusal
 * is shown on the page in its language, with the status the API would answer, and nothing is changed.
 */
@Controller
@RequestMapping("/resident")
class ResidentPageController {

    /** How long a consent may run, as the resident picks it. */
    static final List<Integer> DURATIONS = List.of(7, 30, 90, 180, 365);
    private static final int ACCESSES_SHOWN = 50;

    /** What the consent form holds, to show it again after a refusal. */
    record GrantForm(String verifier, String issuer, String documentType, String purpose, String days) {
        static GrantForm empty() {
            return new GrantForm("", "", "credit-report", "", "30");
        }

        /** @throws InvalidInput {@code INVALID_DURATION} unless it is one of {@link #DURATIONS} */
        Duration duration() {
            return DURATIONS.stream().filter(d -> String.valueOf(d).equals(days)).findFirst().map(Duration::ofDays)
                    .orElseThrow(() -> InvalidInput.of("INVALID_DURATION", "a consent runs for one of " + DURATIONS + " days"));
        }
    }

    private final ConsentService consents;
    private final ResidentKeys keys;
    private final InstitutionLifecycle institutions;
    private final Refusals refusals;
    private final JsonMapper json;
    private final Clock clock;

    ResidentPageController(ConsentService consents, ResidentKeys keys, InstitutionLifecycle institutions,
                           Refusals refusals, JsonMapper json, Clock clock) {
        this.consents = consents;
        this.keys = keys;
        this.institutions = institutions;
        this.refusals = refusals;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/login")
    String login() {
        return "resident/login";
    }

    @GetMapping({"", "/"})
    String home(@AuthenticationPrincipal Caller resident, Model model) {
        model.addAttribute("hasKey", keys.boundKey(resident).isPresent());
        model.addAttribute("consents", consents.list(resident).stream().map(view -> shown(resident, view)).toList());
        return "resident/home";
    }

    @GetMapping("/consents/new")
    String newConsent(@AuthenticationPrincipal Caller resident, Model model) {
        return form(resident, GrantForm.empty(), model);
    }

    /** A consent to review: stored waiting for the resident's approval, nothing on chain yet. */
    @PostMapping("/consents")
    String grant(@AuthenticationPrincipal Caller resident, GrantForm form, Model model, HttpServletResponse response,
                 Locale locale) {
        return attempt(model, response, locale, () -> {
            if (keys.boundKey(resident).isEmpty()) {
                // without a key the service records an operator-assisted consent at once: the page takes none
                throw new NodeException(NodeException.Kind.CONFLICT, "RESIDENT_KEY_REQUIRED", "Passkey required",
                        "register a passkey first");
            }
            ConsentView view = consents.grant(resident, grant(resident, form, locale));
            return "redirect:/resident/consents/" + view.consentId();
        }, () -> form(resident, form, model));
    }

    @GetMapping("/consents/{id}")
    String consent(@AuthenticationPrincipal Caller resident, @PathVariable UUID id,
                   @RequestParam(required = false) String approved, @RequestParam(required = false) String revoked,
                   Model model, HttpServletResponse response, Locale locale) {
        if (approved != null) {
            model.addAttribute("notice", "resident.notice.approved");
        } else if (revoked != null) {
            model.addAttribute("notice", "resident.notice.revoked");
        }
        return attempt(model, response, locale, () -> one(resident, id, model), () -> home(resident, model));
    }

    /** The token as a text file, while it is usable. */
    @GetMapping("/consents/{id}/token.txt")
    ResponseEntity<byte[]> token(@AuthenticationPrincipal Caller resident, @PathVariable UUID id) {
        ResidentConsent consent = ResidentConsent.of(consents.find(resident, id), List.of());
        if (consent.token() == null) {
            return ResponseEntity.notFound().build();
        }
        return download("consent-" + id + ".txt", MediaType.TEXT_PLAIN,
                (consent.token() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The ISO/IEC TS 27560 consent receipt, signed by this node, as the API answers it. */
    @GetMapping("/consents/{id}/receipt.json")
    ResponseEntity<byte[]> receipt(@AuthenticationPrincipal Caller resident, @PathVariable UUID id) {
        return download("consent-receipt-" + id + ".json", MediaType.APPLICATION_JSON,
                json.writeValueAsBytes(consents.receipt(resident, id)));
    }

    /** Withdraws a consent the operator collected without the resident's key; a signed one is withdrawn with it. */
    @PostMapping("/consents/{id}/revocation")
    String revoke(@AuthenticationPrincipal Caller resident, @PathVariable UUID id, Model model,
                  HttpServletResponse response, Locale locale) {
        return attempt(model, response, locale, () -> {
            consents.revoke(resident, id);
            return "redirect:/resident/consents/" + id + "?revoked";
        }, () -> one(resident, id, model));
    }

    @GetMapping("/passkey")
    String passkey(@AuthenticationPrincipal Caller resident, Model model, HttpServletResponse response, Locale locale) {
        return attempt(model, response, locale, () -> passkey(keys.current(resident), model), () -> passkey(null, model));
    }

    /** The resident's key, or null when it cannot be read now. */
    private static String passkey(ResidentKeyView key, Model model) {
        model.addAttribute("key", key);
        model.addAttribute("bound", key != null && key.keyHash().isPresent());
        model.addAttribute("recoverableAt", key == null ? null : key.pendingRecovery()
                .map(r -> ResidentConsent.time(r.recoverableAt())).orElse(null));
        return "resident/passkey";
    }

    private String one(Caller resident, UUID id, Model model) {
        model.addAttribute("c", shown(resident, consents.find(resident, id)));
        return "resident/consent";
    }

    /** A consent with the first accesses the chain holds for it (null, shown as unknown, when it cannot be read). */
    private ResidentConsent shown(Caller resident, ConsentView view) {
        List<Access> accesses = List.of();
        if (ResidentConsent.recorded(view)) {
            try {
                accesses = consents.accesses(resident, view.consentId(), new AccessPage.Request(0, ACCESSES_SHOWN))
                        .accesses();
            } catch (NodeException e) {
                accesses = null;
            }
        }
        return ResidentConsent.of(view, accesses);
    }

    private String form(Caller resident, GrantForm form, Model model) {
        model.addAttribute("hasKey", keys.boundKey(resident).isPresent());
        model.addAttribute("form", form);
        model.addAttribute("durations", DURATIONS);
        model.addAttribute("issuers", institutions.list().stream()
                .filter(i -> i.role() == Role.ISSUER && i.active()).map(InstitutionView::id).toList());
        return "resident/consent-new";
    }

    private ConsentService.Grant grant(Caller resident, GrantForm form, Locale locale) {
        return new ConsentService.Grant(resident.id(), form.issuer(), form.verifier(), form.documentType(),
                FreeText.strip(form.purpose(), ConsentRecord.MAX_PURPOSE, "INVALID_PURPOSE", "a purpose"),
                clock.instant().plus(form.duration()), null, null, null, null, language(locale));
    }

    /** The language of the consent record: the one the resident reads the page in. */
    static String language(Locale locale) {
        return switch (locale.getCountry()) {
            case "HK" -> "zh-Hant-HK";
            case "CN" -> "zh-Hans-CN";
            default -> "en";
        };
    }

    private static ResponseEntity<byte[]> download(String name, MediaType type, byte[] body) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .contentType(type).body(body);
    }

    /**
     * Runs a resident's request; a refusal of the services is shown on {@code page} in the page's language, with the
     * status the API would answer, and the services have changed nothing.
     */
    private String attempt(Model model, HttpServletResponse response, Locale locale, Supplier<String> request,
                           Supplier<String> page) {
        try {
            return request.get();
        } catch (NodeException | InvalidInput e) {
            Refusals.Refusal refusal = refusals.of(e, locale);
            response.setStatus(refusal.status().value());
            model.addAttribute("refusal", refusal.message());
            model.addAttribute("refusalCode", refusal.code());
            return page.get();
        }
    }
}
