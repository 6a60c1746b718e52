package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static List<Check> allValid() {
        List<Check> checks = new ArrayList<>();
        for (CheckType type : CheckType.values()) {
            checks.add(Check.valid(type, "ok"));
        }
        return checks;
    }

    @Test
    void verifiedWhenEveryCheckIsValid() {
        assertThat(Verdict.of(allValid())).isEqualTo(Verdict.VERIFIED);
    }

    @Test
    void rejectedWhenOneCheckIsInvalid() {
        List<Check> checks = allValid();
        checks.set(2, Check.invalid(CheckType.STATUS, "REVOKED", "the document was revoked"));

        assertThat(Verdict.of(checks)).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void neverVerifiedWhenACheckCouldNotBeMade() {
        List<Check> checks = allValid();
        checks.set(1, Check.unavailable(CheckType.ANCHOR, "CHAIN_UNREACHABLE", "the chain did not answer"));

        assertThat(Verdict.of(checks)).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void rejectedWithoutAnyCheck() {
        assertThat(Verdict.of(List.of())).isEqualTo(Verdict.REJECTED);
    }
}
