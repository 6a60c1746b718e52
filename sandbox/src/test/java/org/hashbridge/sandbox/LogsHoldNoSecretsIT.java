package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Everything the nodes logged during this run of the integration tests ({@code target/node-logs/nodes.log},
 * written by logback-test.xml; this class runs last) holds no secret and no personal identifier: no API key, no
 * resident credential, no consent token and no resident's id, whichever test's sandbox it came from (each has
 * fresh secrets, so they are recognised by their form; the demo residents' ids are fixed). It first drives the
 * paths a leak would take on the shared sandbox: a refused secret, a malformed body that holds a subject, a
 * malformed consent token, a whole northbound journey.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(SandboxExtension.class)
class LogsHoldNoSecretsIT {

    private static final Path LOG = Path.of("target", "node-logs", "nodes.log");
    private static final Map<String, Pattern> SECRETS = Map.of(
            "an API key", Pattern.compile("hbk_[A-Za-z0-9_-]{16,}"),
            "a resident credential", Pattern.compile("hbr_[A-Za-z0-9_-]{16,}"),
            "a consent token", Pattern.compile("hbc1\\.[A-Za-z0-9_-]{16,}"),
            "the password of an operator's wallet file", Pattern.compile("hbw_[A-Za-z0-9_-]{16,}"));

    @Test
    void theNodesLogNoSecretAndNoResidentsId(Sandbox sandbox) throws IOException {
        Journeys journeys = new Journeys(sandbox);
        String notAKey = "hbk_" + "Zm9yZ2VkLWtleS10aGF0LW1hdGNoZXMtbm9ib2R5LWF0LWFsbA";
        assertThat(Api.as(sandbox, "sz", notAKey).get("/api/v1/node").status()).isEqualTo(401);
        assertThat(journeys.as("hk", "hk.transunion").postRaw("/api/v1/anchors", "application/json",
                "{\"subject\":\"" + HK_RESIDENT + "\",\"digest\":").status()).isEqualTo(400);
        byte[] report = Journeys.creditReport(HK_RESIDENT);
        JsonNode voucher = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, report, Instant.now().plus(Duration.ofDays(365)));
        String token = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen",
                Instant.now().plus(Duration.ofDays(30))).path("token").asString();
        assertThat(journeys.verify("sz", "cn.abc-shenzhen", report, voucher, token).status()).isEqualTo(200);
        assertThat(journeys.verify("sz", "cn.abc-shenzhen", report, voucher, token.substring(0, token.length() - 9))
                .status()).isEqualTo(400);

        List<String> lines = Files.readAllLines(LOG);
        assertThat(lines).as("the nodes' log of this run").isNotEmpty();
        List<String> leaks = new ArrayList<>();
        for (String line : lines) {
            SECRETS.forEach((what, form) -> {
                if (form.matcher(line).find()) {
                    leaks.add(what + ": " + line);
                }
            });
            for (Demo.Resident resident : Demo.RESIDENTS) {
                if (line.contains(resident.subject())) {
                    leaks.add("a resident's id: " + line);
                }
            }
            for (Demo.Institution institution : Demo.INSTITUTIONS) {
                if (line.contains(sandbox.apiKey(institution.id()))) {
                    leaks.add("the API key of " + institution.id() + ": " + line);
                }
            }
        }
        assertThat(leaks).as("lines of " + LOG.toAbsolutePath() + " that hold a secret or a personal identifier").isEmpty();
    }

}
