package org.hashbridge.node.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
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

    @Override
    public String toString() {
        return method + " " + path;
    }
}
