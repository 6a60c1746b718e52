package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the stable codes of {@link InvalidInput}. */
final class ProtocolAssertions {

    private ProtocolAssertions() {
    }

    /** Asserts that {@code call} throws {@link InvalidInput} with exactly {@code code}. */
    static void assertRejected(ThrowingCallable call, String code) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
