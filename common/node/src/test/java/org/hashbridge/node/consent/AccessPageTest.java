package org.hashbridge.node.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.hashbridge.protocol.InvalidInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AccessPageTest {

    private static final List<Integer> ACCESSES = IntStream.range(0, 120).boxed().toList();

    @Test
    void absentParametersGiveTheFirstPageOfFifty() {
        AccessPage.Request first = AccessPage.Request.parse(null, null);

        assertThat(first).isEqualTo(new AccessPage.Request(0, AccessPage.DEFAULT_SIZE));
        assertThat(first.slice(ACCESSES)).containsExactlyElementsOf(ACCESSES.subList(0, 50));
    }

    @Test
    void theLastPageHoldsTheRestAndPagesPastTheEndAreEmpty() {
        assertThat(AccessPage.Request.parse("2", "50").slice(ACCESSES)).containsExactlyElementsOf(ACCESSES.subList(100, 120));
        assertThat(AccessPage.Request.parse("3", "50").slice(ACCESSES)).isEmpty();
        assertThat(AccessPage.Request.parse(Integer.toString(Integer.MAX_VALUE), "200").slice(ACCESSES)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"-1,50", "0,0", "0,201", "x,50", "0,1e3", "'',50", "0,99999999999"})
    void refusesAPageOrSizeOutOfRange(String page, String size) {
        assertThatThrownBy(() -> AccessPage.Request.parse(page, size))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("INVALID_PAGE"));
    }
}
