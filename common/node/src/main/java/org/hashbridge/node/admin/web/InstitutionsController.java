package org.hashbridge.node.admin.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.institution.InstitutionLifecycle;
import org.hashbridge.node.institution.InstitutionView;
import org.hashbridge.node.institution.IssuedSecret;
import org.hashbridge.node.institution.ResidentCredentials;
import org.hashbridge.node.institution.Role;
import org.hashbridge.node.web.Problems;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.SubjectId;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The institutions page: the issuers and verifiers of this node beside their state on chain, onboarding, API keys,
 * suspension and residents, through the same {@link InstitutionLifecycle} and {@link ResidentCredentials} as the
 * operator API. A new secret is rendered straight into the answer to the POST that made it: never in a redirect,
 * a session or a log, so it is shown once. A refusal is shown in the page's language and nothing is changed.
 */
@Controller
@RequestMapping("/admin")
class InstitutionsController {

    private static final String LIST = "admin/institutions";
    private static final String ONE = "admin/institution";
    private static final String SECRET = "admin/secret";

    private final InstitutionLifecycle lifecycle;
    private final ResidentCredentials residents;
    private final MessageSource messages;

    InstitutionsController(InstitutionLifecycle lifecycle, ResidentCredentials residents, MessageSource messages) {
        this.lifecycle = lifecycle;
        this.residents = residents;
        this.messages = messages;
    }

    @GetMapping("/institutions")
    String list(Model model) {
        model.addAttribute("institutions", lifecycle.list());
        return LIST;
    }

    @PostMapping("/institutions")
    String onboard(@RequestParam(defaultValue = "") String id, @RequestParam(defaultValue = "") String role,
                   Model model, HttpServletResponse response, Locale locale) {
        model.addAttribute("askedId", id);
        model.addAttribute("askedRole", role);
        return attempt(id, model, response, locale, () -> {
            InstitutionLifecycle.Onboarded onboarded = lifecycle.onboard(new InstitutionId(id), Role.ofInstitution(role));
            model.addAttribute("institution", onboarded.institution());
            return secret(model, "apiKey", onboarded.key());
        }, () -> list(model));
    }

    @GetMapping("/institutions/{id}")
    String one(@PathVariable String id, Model model, HttpServletResponse response, Locale locale) {
        return attempt(id, model, response, locale, () -> one(lifecycle.view(new InstitutionId(id)), model), () -> list(model));
    }

    @PostMapping("/institutions/{id}/api-keys")
    String issueKey(@PathVariable String id, Model model, HttpServletResponse response, Locale locale) {
        return attempt(id, model, response, locale, () -> {
            IssuedSecret key = lifecycle.issueKey(new InstitutionId(id));
            model.addAttribute("institution", lifecycle.view(new InstitutionId(id)));
            return secret(model, "apiKey", key);
        }, () -> oneOrList(id, model));
    }

    /** Revokes a key the operator confirmed revoking, by ticking the box beside it. */
    @PostMapping("/institutions/{id}/api-keys/{keyId}/revoke")
    String revokeKey(@PathVariable String id, @PathVariable String keyId, @RequestParam(required = false) String confirm,
                     Model model, HttpServletResponse response, Locale locale) {
        return attempt(id, model, response, locale, () -> {
            UUID key = keyId(keyId);
            if (!"yes".equals(confirm)) {
                throw new NodeException(NodeException.Kind.INVALID, "NOT_CONFIRMED", "Not confirmed",
                        "revoking a key needs its box ticked");
            }
            lifecycle.revokeKey(new InstitutionId(id), key);
            model.addAttribute("notice", "notice.revoked");
            return one(lifecycle.view(new InstitutionId(id)), model);
        }, () -> oneOrList(id, model));
    }

    /** Suspends or reactivates: on this node at once, then on chain; the page shows the chain's state as written. */
    @PostMapping("/institutions/{id}/{change:suspend|reactivate}")
    String setActive(@PathVariable String id, @PathVariable String change, Model model, HttpServletResponse response,
                     Locale locale) {
        return attempt(id, model, response, locale, () -> {
            InstitutionId institution = new InstitutionId(id);
            boolean suspend = "suspend".equals(change);
            InstitutionView changed = suspend ? lifecycle.suspend(institution) : lifecycle.reactivate(institution);
            model.addAttribute("notice", suspend ? "notice.suspended" : "notice.reactivated");
            return one(changed, model);
        }, () -> oneOrList(id, model));
    }

    @PostMapping("/residents")
    String provisionResident(@RequestParam(defaultValue = "") String subject, Model model, HttpServletResponse response,
                             Locale locale) {
        return attempt("", model, response, locale,
                () -> secret(model, "credential", residents.provision(SubjectId.of(subject))), () -> list(model));
    }

    @PostMapping("/residents/rotate")
    String rotateCredential(@RequestParam(defaultValue = "") String subject, Model model, HttpServletResponse response,
                            Locale locale) {
        return attempt("", model, response, locale,
                () -> secret(model, "credential", residents.rotate(SubjectId.of(subject))), () -> list(model));
    }

    /** One institution as the service just answered it (the chain's state as written, when a change wrote it). */
    private String one(InstitutionView institution, Model model) {
        model.addAttribute("institution", institution);
        model.addAttribute("keys", lifecycle.keys(new InstitutionId(institution.id())));
        return ONE;
    }

    /** After a refusal: the institution's page, or the list when there is no such institution to show. */
    private String oneOrList(String id, Model model) {
        try {
            return one(lifecycle.view(new InstitutionId(id)), model);
        } catch (NodeException | InvalidInput e) {
            return list(model);
        }
    }

    private static String secret(Model model, String kind, IssuedSecret issued) {
        model.addAttribute("kind", kind);
        model.addAttribute("issued", issued);
        return SECRET;
    }

    /**
     * Runs an operator's change; a refusal of the service is shown on {@code page} in the page's language, with the
     * status the operator API would answer, and the service has changed nothing.
     */
    private String attempt(String id, Model model, HttpServletResponse response, Locale locale, Supplier<String> change,
                           Supplier<String> page) {
        try {
            return change.get();
        } catch (NodeException e) {
            return refused(e.code(), Problems.status(e.kind()), id, model, response, locale, page);
        } catch (InvalidInput e) {
            return refused(e.code(), HttpStatus.BAD_REQUEST, id, model, response, locale, page);
        }
    }

    private String refused(String code, HttpStatus status, String id, Model model, HttpServletResponse response,
                           Locale locale, Supplier<String> page) {
        response.setStatus(status.value());
        Object[] args = {id};
        String fallback = messages.getMessage("refused.other", new Object[] {code}, locale);
        model.addAttribute("refusal", messages.getMessage("refused." + code, args, fallback, locale));
        model.addAttribute("refusalCode", code);
        return page.get();
    }

    private static UUID keyId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("INVALID_KEY_ID", "an API key id is a UUID");
        }
    }
}
