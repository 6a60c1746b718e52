package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class RegistryErrorsTest {

    /** Written by the build's compile-contracts step before tests run. */
    private static final Path ABI = Path.of("target", "contracts", "HashBridgeRegistry.abi");

    @Test
    void namesACustomErrorFromItsRevertData() {
        String notAnOperator = "0xc0ae66ad00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8";

        assertThat(RegistryErrors.nameOf(notAnOperator)).isEqualTo("NotAnOperator");
    }

    @Test
    void namesAnErrorWithSeveralArgumentsAndUpperCaseHex() {
        String data = "0x014B00D5" + "11".repeat(32) + "484b" + "00".repeat(30) + "535a" + "00".repeat(30);

        assertThat(RegistryErrors.nameOf(data)).isEqualTo("ForeignJurisdiction");
    }

    @Test
    void computesSelectorsAsTheFirstFourBytesOfKeccak() {
        assertThat(RegistryErrors.selector("NotAnOperator(address)")).isEqualTo("0xc0ae66ad");
        assertThat(RegistryErrors.selector("Error(string)")).isEqualTo("0x08c379a0");
    }

    @Test
    void callsMissingShortOrUnknownRevertDataUnknown() {
        assertThat(RegistryErrors.nameOf(null)).isEqualTo(ChainRejected.UNKNOWN_ERROR);
        assertThat(RegistryErrors.nameOf("0x")).isEqualTo(ChainRejected.UNKNOWN_ERROR);
        assertThat(RegistryErrors.nameOf("0xc0ae66")).isEqualTo(ChainRejected.UNKNOWN_ERROR);
        assertThat(RegistryErrors.nameOf("0xdeadbeef")).isEqualTo(ChainRejected.UNKNOWN_ERROR);
    }

    @Test
    void findsTheRevertDataInAJsonRpcErrorDataMember() {
        String data = "0xc0ae66ad00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8";

        assertThat(RegistryErrors.revertData("\"" + data + "\"")).isEqualTo(data);
        assertThat(RegistryErrors.revertData("{\"message\":\"reverted\",\"data\":\"" + data + "\"}")).isEqualTo(data);
        assertThat(RegistryErrors.revertData(data)).isEqualTo(data);
        assertThat(RegistryErrors.revertData(null)).isNull();
        assertThat(RegistryErrors.revertData("\"execution reverted\"")).isNull();
        assertThat(RegistryErrors.nameOfErrorData("\"" + data + "\"")).isEqualTo("NotAnOperator");
    }

    @Test
    void knowsEveryErrorOfTheCompiledContract() throws IOException {
        JsonNode abi = new ObjectMapper().readTree(ABI.toFile());
        List<String> declared = new ArrayList<>();
        for (JsonNode entry : abi) {
            if ("error".equals(entry.get("type").asText())) {
                declared.add(signature(entry));
            }
        }

        assertThat(declared).hasSizeGreaterThanOrEqualTo(11);
        assertThat(RegistryErrors.SIGNATURES).containsAll(declared);
        for (String signature : declared) {
            String name = signature.substring(0, signature.indexOf('('));
            assertThat(RegistryErrors.nameOf(RegistryErrors.selector(signature))).isEqualTo(name);
        }
    }

    private static String signature(JsonNode error) {
        String types = StreamSupport.stream(error.get("inputs").spliterator(), false)
                .map(input -> input.get("type").asText())
                .collect(Collectors.joining(","));
        return error.get("name").asText() + "(" + types + ")";
    }
}
