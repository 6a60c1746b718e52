package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The institutions page while the chain is down, on a sandbox of its own over a chain it stops: a suspension is
 * made on the node at once and shown as waiting for the chain, never as done on chain; once the chain is back, a
 * reactivation is written and shown in step.
 */
class InstitutionsPendingIT {

    private static final String VERIFIER = "cn.abc-shenzhen";

    @TempDir
    Path dir;

    @Test
    void aSuspensionTheChainCannotTakeIsShownAsWaitingForTheChainAndTakesEffectOnTheNodeAtOnce() {
        try (StoppableChain chain = StoppableChain.start(dir); Sandbox sandbox = chain.sandbox(dir)) {
            suspendWhileTheChainIsDown(chain, sandbox);
        }
    }

    private static void suspendWhileTheChainIsDown(StoppableChain chain, Sandbox sandbox) {
        OperatorSession session = new OperatorSession(sandbox.nodeUrl("sz"));
        assertThat(session.signIn(sandbox.operatorUsername("sz"), sandbox.operatorPassword("sz")).statusCode()).isEqualTo(302);
        String page = "/admin/institutions/" + VERIFIER + "?lang=en";
        assertThat(session.get(page).body()).contains("data-pending=\"false\"");

        chain.stop();
        HttpResponse<String> suspended = session.post(page, "/admin/institutions/" + VERIFIER + "/suspend", Map.of(), true);
        assertThat(suspended.statusCode()).isEqualTo(200);
        assertThat(suspended.body()).contains("id=\"node-state\" data-state=\"SUSPENDED\"")
                .contains("id=\"chain-state\" data-state=\"UNKNOWN\"")
                .contains("data-pending=\"true\"").contains("Waiting for the chain");
        assertThat(Api.as(sandbox, "sz", sandbox.apiKey(VERIFIER)).post("/api/v1/verifications", Map.of()).code())
                .as("suspended on the node at once").isEqualTo("UNKNOWN_CREDENTIAL");
        assertThat(session.get("/admin/institutions?lang=zh-HK").body()).contains("等待區塊鏈確認");

        chain.startAgain();
        HttpResponse<String> reactivated = session.post(page, "/admin/institutions/" + VERIFIER + "/reactivate", Map.of(), true);
        assertThat(reactivated.statusCode()).isEqualTo(200);
        assertThat(reactivated.body()).contains("id=\"chain-state\" data-state=\"ACTIVE\"").contains("data-pending=\"false\"");
        assertThat(Api.as(sandbox, "sz", sandbox.apiKey(VERIFIER)).post("/api/v1/verifications", Map.of()).status())
                .isNotEqualTo(401);
    }
}
