package org.hashbridge.node.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hashbridge.protocol.InvalidInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AccessPageTest {

    @Test
    void absentParametersGiveTheFirstPageOfFifty() {
        AccessPage.Request first = AccessPage.Request.parse(null, null);

        assertThat(first).isEqualTo(new AccessPage.Request(0, AccessPage.DEFAULT_SIZE));
        assertThat(first.offset()).isZero();
    }

    @Test
    void aPageStartsAfterThePagesBeforeItAndFarPagesDoNotOverflow() {
        assertThat(AccessPage.Request.parse("2", "50").offset()).isEqualTo(100);
        assertThat(AccessPage.Request.parse(Integer.toString(Integer.MAX_VALUE), "200").offset()).isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @CsvSource({"-1,50", "0,0", "0,201", "x,50", "0,1e3", "'',50", "0,99999999999"})
    void refusesAPageOrSizeOutOfRange(String page, String size) {
        assertThatThrownBy(() -> AccessPage.Request.parse(page, size))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("INVALID_PAGE"));
    }
}
