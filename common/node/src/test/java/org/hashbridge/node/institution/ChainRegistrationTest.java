package org.hashbridge.node.institution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.InstitutionOnChain;
import org.hashbridge.node.chain.RegistryMismatch;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.protocol.InstitutionId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** The start-up rules of registration; the registry's own rules are proven on the contract (RegistryRulesIT). */
class ChainRegistrationTest {

    private static final InstitutionId BAIHANG = new InstitutionId("cn.baihang");
    private static final InstitutionId HK_BANK = new InstitutionId("hk.fusion-bank");

    private final RegistryChain chain = mock(RegistryChain.class);
    private final RegistryState state = mock(RegistryState.class);
    private final InstitutionDirectory directory = mock(InstitutionDirectory.class);
    private final NodeProperties szNode = new NodeProperties("sz", "SZ", Path.of("target"), null, null, List.of());
    private final ChainRegistration registration = new ChainRegistration(directory, chain, szNode);

    @BeforeEach
    void aVersionTwoRegistryWhereShenzhenOwnsCn() {
        when(chain.finalState()).thenReturn(state);
        when(chain.registryAddress()).thenReturn("0x5FbDB2315678afecb367f032d93F642f64180aa3");
        when(state.namespace("SZ")).thenReturn(Optional.of("cn"));
        when(state.issuer(any())).thenReturn(Optional.empty());
        when(chain.registerIssuer(any())).thenReturn(new ChainWrite("0x01", 1, Instant.EPOCH));
    }

    @Test
    void aNodeRefusesToStartOnARegistryOfAnotherVersion() {
        doThrow(RegistryMismatch.version("0x5FbDB2315678afecb367f032d93F642f64180aa3", 1)).when(chain).requireRegistry();

        assertThatIllegalStateException().isThrownBy(() -> registration.run(null))
                .withMessageContaining("version 1").withMessageContaining("needs version 2");
        verify(chain, never()).registerIssuer(any());
    }

    @Test
    void aNodeRefusesToStartOnAChainOfAnotherId() {
        doThrow(RegistryMismatch.chainId(31337, 1)).when(chain).requireRegistry();

        assertThatIllegalStateException().isThrownBy(() -> registration.run(null))
                .withMessageContaining("chain id 1").withMessageContaining("configured for 31337");
        verify(chain, never()).registerIssuer(any());
    }

    @Test
    void aChainWithoutTheRegistryPostponesTheStartChecksAndShowsOnHealth() {
        doThrow(ChainUnavailable.unexpectedAnswer("VERSION", "no registry at 0x5FbD")).when(chain).requireRegistry();
        when(directory.homeInstitutions()).thenReturn(Map.of(BAIHANG, Role.ISSUER));

        registration.run(null);

        verify(chain, never()).registerIssuer(any());
        assertThat(registration.health().getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(registration.health().getDetails().get("reason").toString()).contains("no registry");
    }

    @Test
    void anInstitutionTheChainLostIsRegisteredAgainAndReportedMeanwhile() {
        when(directory.homeInstitutions()).thenReturn(Map.of(BAIHANG, Role.ISSUER));
        when(state.issuer(BAIHANG.key())).thenReturn(Optional.of(new InstitutionOnChain("SZ", true)));
        registration.run(null);
        assertThat(registration.health().getStatus()).isEqualTo(Status.UP);
        verify(chain, never()).registerIssuer(any());

        when(state.issuer(BAIHANG.key())).thenReturn(Optional.empty());
        when(chain.registerIssuer(BAIHANG)).thenThrow(ChainRejected.beforeSending("registerIssuer", "NotAnOperator"))
                .thenReturn(new ChainWrite("0x02", 2, Instant.EPOCH));
        registration.registerMissing();
        assertThat(registration.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

        registration.registerMissing();
        verify(chain, times(2)).registerIssuer(BAIHANG);
        assertThat(registration.health().getStatus()).isEqualTo(Status.UP);
        assertThat(registration.health().getDetails()).containsEntry("institutionsWrittenAgain", 1);
    }

    @Test
    void aNodeRefusesToStartWhenGovernanceAdmittedNoNamespaceForItsJurisdiction() {
        when(state.namespace("SZ")).thenReturn(Optional.empty());

        assertThatIllegalStateException().isThrownBy(() -> registration.run(null))
                .withMessageContaining("no namespace for jurisdiction SZ");
    }

    @Test
    void registersItsOwnNamespaceAndLeavesTheOtherJurisdictionsInstitutionsAlone() {
        when(directory.homeInstitutions()).thenReturn(Map.of(BAIHANG, Role.ISSUER, HK_BANK, Role.VERIFIER));

        registration.run(null);

        verify(chain).registerIssuer(BAIHANG);
        verify(chain, never()).registerVerifier(any());
    }
}
