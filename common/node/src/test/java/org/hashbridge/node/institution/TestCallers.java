package org.hashbridge.node.institution;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The callers of the web slice tests, one of each role, and their bearer secrets; {@link Security} is the
 * node's own {@link SecurityConfiguration} with a directory that knows exactly these secrets.
 */
public final class TestCallers {

    public static final Caller ISSUER = new Caller("hk.transunion", Role.ISSUER);
    public static final Caller VERIFIER = new Caller("cn.abc-shenzhen", Role.VERIFIER);
    public static final Caller RESIDENT = new Caller("HK-A1234567", Role.RESIDENT);
    public static final List<Caller> ALL = List.of(ISSUER, VERIFIER, RESIDENT);

    /** A well-formed secret that matches nobody. */
    public static final String UNKNOWN_KEY = "hbk_matches-nobody";
    /** A secret whose look-up finds the database down. */
    public static final String STORAGE_DOWN_KEY = "hbk_while-the-database-is-down";

    private TestCallers() {
    }

    public static String keyOf(Caller caller) {
        return "hbk_" + caller.role().name().toLowerCase(Locale.ROOT) + "-key";
    }

    /** The {@code Authorization} header {@code caller} sends. */
    public static String bearer(Caller caller) {
        return "Bearer " + keyOf(caller);
    }

    /** Everyone but {@code caller}'s role. */
    public static List<Caller> allBut(Caller caller) {
        return ALL.stream().filter(c -> c.role() != caller.role()).toList();
    }

    /** The node's security, authenticating through a directory of the callers above. */
    @TestConfiguration(proxyBeanMethods = false)
    @Import(SecurityConfiguration.class)
    public static class Security {

        @Bean
        InstitutionDirectory institutionDirectory() {
            InstitutionDirectory directory = mock(InstitutionDirectory.class);
            when(directory.authenticate(anyString())).thenReturn(Optional.empty());
            ALL.forEach(caller -> when(directory.authenticate(keyOf(caller))).thenReturn(Optional.of(caller)));
            when(directory.authenticate(STORAGE_DOWN_KEY))
                    .thenThrow(new DataAccessResourceFailureException("connection refused"));
            return directory;
        }
    }
}
