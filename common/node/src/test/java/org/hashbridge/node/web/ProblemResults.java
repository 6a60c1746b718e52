package org.hashbridge.node.web;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;

/** What every refusal of the node looks like on the wire. */
public final class ProblemResults {

    private ProblemResults() {
    }

    /**
     * An {@code application/problem+json} answer with {@code status}, the stable {@code code}, the
     * {@code type} derived from it, and nothing of an exception in it.
     */
    public static ResultMatcher problem(int status, String code) {
        ResultMatcher[] all = {
                status().is(status),
                content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
                jsonPath("$.status").value(status),
                jsonPath("$.code").value(code),
                jsonPath("$.type").value(endsWith("/" + code.toLowerCase(Locale.ROOT).replace('_', '-'))),
                jsonPath("$.title").isNotEmpty(),
                content().string(not(containsString("Exception"))),
                content().string(not(containsString("at org.")))};
        return result -> {
            for (ResultMatcher matcher : all) {
                matcher.match(result);
            }
        };
    }
}
