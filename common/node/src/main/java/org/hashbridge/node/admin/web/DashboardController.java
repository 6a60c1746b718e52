package org.hashbridge.node.admin.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.hashbridge.node.admin.AdminProperties;
import org.hashbridge.node.admin.AuditTrail;
import org.hashbridge.node.chain.follow.ReadModel;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard's sign-in page, overview, consents, chain and audit trail pages. */
@Controller
@RequestMapping("/admin")
class DashboardController {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:00").withZone(ZoneOffset.UTC);
    private static final int SHORT_LIST = 20;
    private static final Pattern TX_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");

    private final NodeFigures figures;
    private final ConsentFigures consents;
    private final ChainFigures chain;
    private final AuditTrail audit;
    private final ReadModel readModel;
    private final AdminProperties settings;
    private final JsonMapper json;
    private final MessageSource messages;

    DashboardController(NodeFigures figures, ConsentFigures consents, ChainFigures chain, AuditTrail audit,
                        ReadModel readModel, AdminProperties settings, JsonMapper json, MessageSource messages) {
        this.figures = figures;
        this.consents = consents;
        this.chain = chain;
        this.audit = audit;
        this.readModel = readModel;
        this.settings = settings;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/login")
    String login() {
        return "admin/login";
    }

    @GetMapping({"", "/"})
    String overview(Model model, Locale locale) {
        NodeFigures.Outboxes outboxes = figures.outboxes();
        var health = readModel.health();
        List<String> alerts = new ArrayList<>();
        if (figures.stuck(outboxes, settings.stuckAfter())) {
            alerts.add("alert.stuck");
        }
        if (!Status.UP.equals(health.getStatus())) {
            alerts.add("alert.readModel");
        }
        model.addAttribute("readModel", health);
        model.addAttribute("outboxes", outboxes);
        model.addAttribute("stuckAfter", settings.stuckAfter().toMinutes());
        model.addAttribute("lastBatch", figures.lastBatch().orElse(null));
        model.addAttribute("lastChainWrite", figures.lastChainWrite().orElse(null));
        model.addAttribute("alerts", alerts);
        model.addAttribute("anchorsChart", chart(figures.anchorsPerHour(), locale));
        model.addAttribute("verificationsChart", chart(figures.verificationsPerHour(), locale));
        model.addAttribute("consentsChart", chart(figures.consentsPerHour(), locale));
        return "admin/overview";
    }

    @GetMapping("/consents")
    String consents(Model model) {
        model.addAttribute("byStatus", consents.byStatus());
        model.addAttribute("expiring", consents.expiringSoon(SHORT_LIST));
        model.addAttribute("expiringDays", ConsentFigures.EXPIRING_WITHIN.toDays());
        model.addAttribute("revocations", consents.recentRevocations(SHORT_LIST));
        return "admin/consents";
    }

    @GetMapping("/chain")
    String chain(Model model) {
        model.addAttribute("chainId", chain.chainId());
        model.addAttribute("registry", chain.registryAddress());
        model.addAttribute("operatorAddress", chain.operatorAddress());
        model.addAttribute("balance", chain.operatorBalance().orElse(null));
        model.addAttribute("transactions", chain.latestTransactions(SHORT_LIST));
        return "admin/chain";
    }

    /** A transaction's receipt, read from the chain: where the chain page's transactions link to. */
    @GetMapping("/chain/transactions/{txHash}")
    String transaction(@PathVariable String txHash, Model model) {
        if (!TX_HASH.matcher(txHash).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("txHash", txHash.toLowerCase(Locale.ROOT));
        model.addAttribute("receipt", chain.receipt(txHash).orElse(null));
        return "admin/transaction";
    }

    @GetMapping("/audit")
    String audit(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("trail", audit.page(Math.max(page, 0), settings.pageSize()));
        return "admin/audit";
    }

    /** A chart's data as the page's script reads it from a data attribute: hour labels and named series. */
    private String chart(Hourly hourly, Locale locale) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("hours", hourly.hours().stream().map(HOUR::format).toList());
        Map<String, long[]> series = new LinkedHashMap<>();
        hourly.series().forEach((name, counts) -> series.put(messages.getMessage("series." + name, null, name, locale), counts));
        data.put("series", series);
        data.put("total", hourly.total());
        return json.writeValueAsString(data);
    }
}
