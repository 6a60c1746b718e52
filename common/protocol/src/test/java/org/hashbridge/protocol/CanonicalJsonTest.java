package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {

    private static String canonical(String json) {
        return new String(CanonicalJson.canonicalize(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /** RFC 8785 section 3.2.2: whitespace, number and string serialization. */
    @Test
    void rfc8785SerializationExample() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50,
                              2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";

        assertThat(canonical(input)).isEqualTo("{\"literals\":[null,true,false],"
                + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    /** RFC 8785 section 3.2.3: properties sorted by their UTF-16 code units. */
    @Test
    void rfc8785SortingExample() {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }""";

        assertThat(canonical(input)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\","
                + "\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
                + "\"\u20ac\":\"Euro Sign\",\"\uD83D\uDE00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    /** RFC 8785 appendix B: numbers are written as ECMAScript writes IEEE 754 doubles. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1E30|1e+30",
            "4.50|4.5",
            "-0|0",
            "1e21|1e+21",
            "1e20|100000000000000000000",
            "0.000001|0.000001",
            "1e-7|1e-7",
            "9007199254740992|9007199254740992",
            "295147905179352830000|295147905179352830000",
            "1.0|1",
            "-1.5E-3|-0.0015"})
    void numbersFollowEcmaScript(String input, String expected) {
        assertThat(canonical("[" + input + "]")).isEqualTo("[" + expected + "]");
    }

    @Test
    void nestedObjectsAreSortedToo() {
        assertThat(canonical("{\"b\": {\"z\": 1, \"a\": [ {\"y\": 2, \"x\": 1} ]}, \"a\": \"\"}"))
                .isEqualTo("{\"a\":\"\",\"b\":{\"a\":[{\"x\":1,\"y\":2}],\"z\":1}}");
    }

    @Test
    void controlCharactersAreEscapedAndOtherUnicodeIsNot() {
        assertThat(canonical("[\"\\u0001\\t\\u001f\\u007f\\u00e9\"]")).isEqualTo("[\"\\u0001\\t\\u001f\u007f\u00e9\"]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":}", "[1,]", "{\"a\":1,}", "{'a':1}", "{\"a\":1}{", "NaN", "[Infinity]",
            "[1e400]"})
    void rejectsTextThatIsNotJson(String json) {
        assertRejected(() -> CanonicalJson.canonicalize(json.getBytes(StandardCharsets.UTF_8)), "INVALID_JSON");
    }

    @Test
    void rejectsDuplicateProperties() {
        assertRejected(() -> CanonicalJson.canonicalize("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)),
                "INVALID_JSON");
    }
}
