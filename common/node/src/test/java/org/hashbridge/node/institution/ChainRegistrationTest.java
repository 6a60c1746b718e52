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

    private static final InstitutionDirectory.Wanted ACTIVE_ISSUER = new InstitutionDirectory.Wanted(Role.ISSUER, true, false);
    private static final InstitutionDirectory.Wanted SUSPENDED_ISSUER = new InstitutionDirectory.Wanted(Role.ISSUER, false, true);

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
                .withMessageContaining("version 1").withMessageContaining("needs version 3");
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
        when(directory.wantedOnChain()).thenReturn(Map.of(BAIHANG, ACTIVE_ISSUER));

        registration.run(null);

        verify(chain, never()).registerIssuer(any());
        assertThat(registration.health().getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(registration.health().getDetails().get("reason").toString()).contains("no registry");
    }

    @Test
    void anInstitutionTheChainLostIsRegisteredAgainAndReportedMeanwhile() {
        when(directory.wantedOnChain()).thenReturn(Map.of(BAIHANG, ACTIVE_ISSUER));
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
        when(directory.wantedOnChain()).thenReturn(Map.of(BAIHANG, ACTIVE_ISSUER, HK_BANK, new InstitutionDirectory.Wanted(Role.VERIFIER, true, false)));

        registration.run(null);

        verify(chain).registerIssuer(BAIHANG);
        verify(chain, never()).registerVerifier(any());
    }

    @Test
    void anIssuerSuspendedOnTheNodeIsSuspendedOnChainAndReinstatedWhenReactivated() {
        when(state.issuer(BAIHANG.key())).thenReturn(Optional.of(new InstitutionOnChain("SZ", true)));
        when(chain.setIssuerActive(any(), org.mockito.ArgumentMatchers.anyBoolean()))
                .thenReturn(new ChainWrite("0x03", 3, Instant.EPOCH));
        when(directory.wantedOnChain()).thenReturn(Map.of(BAIHANG, SUSPENDED_ISSUER));

        registration.run(null);
        verify(chain).setIssuerActive(BAIHANG.key(), false);
        verify(directory).chainReached(BAIHANG, false);

        when(state.issuer(BAIHANG.key())).thenReturn(Optional.of(new InstitutionOnChain("SZ", false)));
        registration.registerMissing();
        verify(chain, times(1)).setIssuerActive(BAIHANG.key(), false);

        when(directory.wantedOnChain()).thenReturn(Map.of(BAIHANG, new InstitutionDirectory.Wanted(Role.ISSUER, true, true)));
        registration.registerMissing();
        verify(chain).setIssuerActive(BAIHANG.key(), true);
        verify(directory).chainReached(BAIHANG, true);
        verify(chain, never()).registerIssuer(any());
    }

    @Test
    void aSuspendedInstitutionNeverRegisteredIsNotRegistered() {
        when(directory.wantedOnChain()).thenReturn(Map.of(BAIHANG, SUSPENDED_ISSUER));

        registration.run(null);

        verify(chain, never()).registerIssuer(any());
        verify(chain, never()).setIssuerActive(any(), org.mockito.ArgumentMatchers.anyBoolean());
        assertThat(registration.health().getDetails()).containsEntry("institutionsPending", List.of());
    }

    @Test
    void aSuspensionTheRegistryRefusesStaysPendingOnHealthAndIsTriedAgain() {
        when(state.issuer(BAIHANG.key())).thenReturn(Optional.of(new InstitutionOnChain("SZ", true)));
        when(chain.setIssuerActive(BAIHANG.key(), false))
                .thenThrow(ChainRejected.beforeSending("setIssuerActive", "NotAnOperator"))
                .thenReturn(new ChainWrite("0x04", 4, Instant.EPOCH));
        when(directory.wantedOnChain()).thenReturn(Map.of(BAIHANG, SUSPENDED_ISSUER));

        registration.run(null);
        assertThat(registration.health().getDetails()).containsEntry("institutionsPending", List.of("cn.baihang"));

        registration.registerMissing();
        verify(chain, times(2)).setIssuerActive(BAIHANG.key(), false);
        assertThat(registration.health().getDetails()).containsEntry("institutionsPending", List.of());
    }

    @Test
    void aSuspensionMadeOnChainAroundTheNodeIsReportedAndNeverUndone() {
        when(state.issuer(BAIHANG.key())).thenReturn(Optional.of(new InstitutionOnChain("SZ", false)));
        when(directory.wantedOnChain()).thenReturn(Map.of(BAIHANG, ACTIVE_ISSUER));

        registration.run(null);

        verify(chain, never()).setIssuerActive(any(), org.mockito.ArgumentMatchers.anyBoolean());
        verify(chain, never()).registerIssuer(any());
        assertThat(registration.health().getStatus()).isEqualTo(Status.UP);
        assertThat(registration.health().getDetails()).containsEntry("institutionsPending", List.of())
                .containsEntry("institutionsChangedOnChain", List.of("cn.baihang"));
    }
}
