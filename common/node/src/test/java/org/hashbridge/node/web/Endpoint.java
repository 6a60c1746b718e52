package org.hashbridge.node.web;

import static org.hashbridge.node.web.ProblemResults.problem;

import org.hashbridge.node.institution.Caller;
import org.hashbridge.node.institution.TestCallers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** One call of the API with a valid body, to be sent with whatever credentials a test tries. */
public record Endpoint(HttpMethod method, String path, String json) {

    public static Endpoint get(String path) {
        return new Endpoint(HttpMethod.GET, path, null);
    }

    public static Endpoint delete(String path) {
        return new Endpoint(HttpMethod.DELETE, path, null);
    }

    public static Endpoint post(String path, String json) {
        return new Endpoint(HttpMethod.POST, path, json);
    }

    /** The call without an {@code Authorization} header. */
    public MockHttpServletRequestBuilder anonymous() {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(method, path);
        return json == null ? request : request.contentType(MediaType.APPLICATION_JSON).content(json);
    }

    /** The call with {@code Authorization: authorization}. */
    public MockHttpServletRequestBuilder with(String authorization) {
        return anonymous().header(HttpHeaders.AUTHORIZATION, authorization);
    }

    /**
     * Checks that the call is answered to nobody but {@code caller}'s role: 401 {@code UNAUTHENTICATED}
     * without a bearer secret (or with another scheme), 401 {@code UNKNOWN_CREDENTIAL} for a secret that
     * matches nobody or is too long to be anyone's, 503 {@code DATABASE_UNAVAILABLE} while secrets cannot be
     * read, 403 {@code FORBIDDEN_ROLE} for each other role.
     */
    public void assertOpenOnlyTo(Caller caller, MockMvc mvc) throws Exception {
        mvc.perform(anonymous()).andExpect(problem(401, "UNAUTHENTICATED"));
        mvc.perform(with("Basic aGsudHJhbnN1bmlvbjprZXk=")).andExpect(problem(401, "UNAUTHENTICATED"));
        mvc.perform(with("Bearer " + TestCallers.UNKNOWN_KEY)).andExpect(problem(401, "UNKNOWN_CREDENTIAL"));
        mvc.perform(with("Bearer " + "k".repeat(257))).andExpect(problem(401, "UNKNOWN_CREDENTIAL"));
        mvc.perform(with("Bearer " + TestCallers.STORAGE_DOWN_KEY)).andExpect(problem(503, "DATABASE_UNAVAILABLE"));
        for (Caller other : TestCallers.allBut(caller)) {
            mvc.perform(with(TestCallers.bearer(other))).andExpect(problem(403, "FORBIDDEN_ROLE"));
        }
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
