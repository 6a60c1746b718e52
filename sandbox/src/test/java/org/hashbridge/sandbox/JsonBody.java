package org.hashbridge.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A JSON object for {@link MalformedRequests}, as a list of members, so that a member can be written twice. */
final class JsonBody {

    /** Literal JSON text, written as it is. */
    record Raw(String json) {
    }

    private final List<Map.Entry<String, Object>> members = new ArrayList<>();

    JsonBody put(String name, Object value) {
        members.removeIf(m -> m.getKey().equals(name));
        members.add(new java.util.AbstractMap.SimpleEntry<>(name, value));
        return this;
    }

    void remove(String name) {
        members.removeIf(m -> m.getKey().equals(name));
    }

    void duplicate(String name, Object value) {
        members.add(new java.util.AbstractMap.SimpleEntry<>(name, value));
    }

    String json() {
        StringBuilder text = new StringBuilder("{");
        for (Map.Entry<String, Object> member : members) {
            text.append(text.length() > 1 ? "," : "").append(Api.JSON.writeValueAsString(member.getKey())).append(':')
                    .append(member.getValue() instanceof Raw raw ? raw.json() : Api.JSON.writeValueAsString(member.getValue()));
        }
        return escapeSurrogates(text.append('}').toString());
    }

    /** A lone surrogate cannot be encoded as UTF-8: send it as the JSON escape a client would write. */
    private static String escapeSurrogates(String json) {
        StringBuilder escaped = new StringBuilder(json.length());
        json.chars().forEach(c -> escaped.append(Character.isSurrogate((char) c) ? String.format("\\u%04x", c)
                : Character.toString(c)));
        return escaped.toString();
    }
}
