package org.hashbridge.node.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.hashbridge.node.Documents;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.config.NodeKeys;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.node.config.ReceiptProperties;
import org.hashbridge.protocol.Receipt;
import org.hashbridge.protocol.ReceiptAlgorithm;
import org.hashbridge.protocol.ReceiptVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A Shenzhen node started with the {@code sm} profile, its receipt keys made by the real {@link NodeKeys} from
 * {@code hashbridge-node-sm.yml} in a fresh data directory: it signs SM2 receipts, and the keys it serves
 * verify them, each key naming its {@code alg}.
 */
@WebSliceTest(NodeController.class)
@ActiveProfiles("sm")
@Import(NodeKeys.class)
@EnableConfigurationProperties({NodeProperties.class, ReceiptProperties.class})
class SmProfileWebTest {

    private static final Receipt RECEIPT = Documents.receipt();

    @TempDir
    static Path dataDirectory;

    @DynamicPropertySource
    static void shenzhen(DynamicPropertyRegistry properties) {
        properties.add("hashbridge.node.operator", () -> "sz");
        properties.add("hashbridge.node.jurisdiction", () -> "SZ");
        properties.add("hashbridge.node.data-directory", () -> dataDirectory.toString());
        properties.add("hashbridge.node.generate-keys", () -> "true");
    }

    @Autowired
    private MockMvc mvc;
    @Autowired
    private NodeKeys keys;
    @Autowired
    private ReceiptProperties receipts;
    @MockitoBean
    private RegistryChain chain;

    @Test
    void theProfileChoosesSm2() {
        assertThat(receipts.algorithm()).isEqualTo(ReceiptAlgorithm.SM2);
        assertThat(keys.receiptSigner().algorithm()).isEqualTo(ReceiptAlgorithm.SM2);
        assertThat(dataDirectory.resolve("keys/receipt-key-sm2.jwk")).exists();
        assertThat(dataDirectory.resolve("keys/receipt-key-ed25519.jwk")).doesNotExist();
    }

    @Test
    void itsReceiptsVerifyAgainstTheKeysItServes() throws Exception {
        String jwks = mvc.perform(get("/api/v1/receipt-keys"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.keys.length()").value(1))
                .andExpect(jsonPath("$.keys[0].kty").value("EC"))
                .andExpect(jsonPath("$.keys[0].crv").value("SM2"))
                .andExpect(jsonPath("$.keys[0].alg").value("SM2SM3"))
                .andExpect(jsonPath("$.keys[0].use").value("sig"))
                .andExpect(jsonPath("$.keys[0].kid").value(keys.receiptSigner().keyId()))
                .andExpect(jsonPath("$.keys[*].alg", everyItem(not(emptyOrNullString()))))
                .andExpect(jsonPath("$.keys[*].d").isEmpty())
                .andReturn().getResponse().getContentAsString();
        String receipt = keys.receiptSigner().sign(RECEIPT);

        assertThat(new String(Base64.getUrlDecoder().decode(receipt.substring(0, receipt.indexOf('.'))), StandardCharsets.UTF_8))
                .contains("\"alg\":\"SM2SM3\"", keys.receiptSigner().keyId());
        assertThat(ReceiptVerifier.of(jwks).verify(receipt)).isEqualTo(RECEIPT);
    }
}
