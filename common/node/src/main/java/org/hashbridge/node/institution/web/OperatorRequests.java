package org.hashbridge.node.institution.web;

import org.hashbridge.node.NodeException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an operator request body strictly: a field the call does not know is refused (400 {@code UNKNOWN_FIELD}),
 * not ignored as the institutions' API does, so that a misspelt field never leaves an operator believing a
 * change was asked for that was not.
 */
final class OperatorRequests {

    private OperatorRequests() {
    }

    static <T> T read(JsonMapper json, JsonNode body, Class<T> type) {
        if (body == null || !body.isObject()) {
            throw malformed();
        }
        try {
            return json.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
        } catch (UnrecognizedPropertyException e) {
            throw new NodeException(NodeException.Kind.INVALID, "UNKNOWN_FIELD", "Invalid request",
                    "this call takes no field '" + e.getPropertyName() + "'");
        } catch (JacksonException e) {
            throw malformed();
        }
    }

    private static NodeException malformed() {
        return new NodeException(NodeException.Kind.INVALID, "MALFORMED_JSON", "Malformed request body",
                "the body is not the JSON object this call expects");
    }
}
