package org.hashbridge.node.institution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashbridge.node.OperatorAction;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.InstitutionOnChain;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.node.database.JpaSliceTest;
import org.hashbridge.protocol.InstitutionId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lifecycle's answer when the chain cannot be reached: the change is made on the node and said to be pending,
 * and the registration round writes it once the chain answers. The database is real; the chain is a double that
 * is down, then up.
 */
@JpaSliceTest
class InstitutionLifecycleJpaTest {

    private static final InstitutionId BANK = new InstitutionId("hk.pending-bank");

    @Autowired
    private InstitutionRepository institutions;
    @Autowired
    private ApiKeyRepository keys;
    @Autowired
    private ResidentRepository residents;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private JdbcTemplate jdbc;

    private final RegistryChain chain = mock(RegistryChain.class);
    private final RegistryState state = mock(RegistryState.class);
    private final List<OperatorAction> actions = new ArrayList<>();
    private ChainRegistration registration;
    private InstitutionLifecycle lifecycle;

    @BeforeEach
    void aNodeWhoseChainIsUp() {
        InstitutionDirectory directory = new InstitutionDirectory(institutions, residents);
        registration = new ChainRegistration(directory, chain,
                new NodeProperties("hk", "HK", Path.of("target"), null, null, List.of()));
        lifecycle = new InstitutionLifecycle(institutions, keys, directory, registration, chain,
                new TransactionTemplate(transactionManager), event -> actions.add((OperatorAction) event),
                Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC));
        when(chain.finalState()).thenReturn(state);
        when(state.namespace("HK")).thenReturn(Optional.of("hk"));
        when(state.verifier(any())).thenReturn(Optional.empty());
        when(chain.registerVerifier(BANK)).thenReturn(new ChainWrite("0x01", 1, Instant.EPOCH));
    }

    private Boolean chainPending() {
        return jdbc.queryForObject("select chain_pending from institution where id = ?", Boolean.class, BANK.value());
    }

    @Test
    void aSuspensionWhileTheChainIsDownIsMadeHerePendingThereAndWrittenOnceTheChainAnswers() {
        assertThat(lifecycle.onboard(BANK, Role.VERIFIER).institution().pending()).isFalse();
        when(state.verifier(BANK.key())).thenReturn(Optional.of(new InstitutionOnChain("HK", true)));
        when(chain.finalState()).thenThrow(ChainUnavailable.unexpectedAnswer("eth_blockNumber", "connection refused"));

        InstitutionView suspended = lifecycle.suspend(BANK);

        assertThat(suspended.active()).isFalse();
        assertThat(suspended.pending()).as("answered 202").isTrue();
        assertThat(suspended.chain().state()).isEqualTo(ChainView.State.UNKNOWN);
        assertThat(chainPending()).isTrue();
        assertThat(actions).extracting(OperatorAction::action).endsWith("INSTITUTION_SUSPENDED");
        verify(chain, never()).setVerifierActive(any(), org.mockito.ArgumentMatchers.anyBoolean());

        org.mockito.Mockito.reset(chain);
        when(chain.finalState()).thenReturn(state);
        when(chain.registryAddress()).thenReturn("0x5FbDB2315678afecb367f032d93F642f64180aa3");
        when(chain.setVerifierActive(BANK.key(), false)).thenReturn(new ChainWrite("0x02", 2, Instant.EPOCH));
        registration.registerMissing();

        verify(chain).setVerifierActive(BANK.key(), false);
        assertThat(chainPending()).isFalse();
        when(state.verifier(BANK.key())).thenReturn(Optional.of(new InstitutionOnChain("HK", false)));
        InstitutionView after = lifecycle.view(BANK);
        assertThat(after.pending()).isFalse();
        assertThat(after.chain().state()).isEqualTo(ChainView.State.SUSPENDED);
    }

    @Test
    void onboardingWhileTheNamespaceWasNeverReadStoresNothing() {
        when(chain.finalState()).thenThrow(ChainUnavailable.unexpectedAnswer("eth_blockNumber", "connection refused"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lifecycle.onboard(BANK, Role.VERIFIER))
                .isInstanceOfSatisfying(org.hashbridge.node.NodeException.class,
                        e -> assertThat(e.code()).isEqualTo("CHAIN_UNAVAILABLE"));
        assertThat(institutions.count()).isZero();
        assertThat(actions).isEmpty();
    }
}
