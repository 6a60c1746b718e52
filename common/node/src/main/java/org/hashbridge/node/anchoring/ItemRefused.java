package org.hashbridge.node.anchoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.hashbridge.node.NodeException;
import org.hashbridge.protocol.InvalidInput;

/**
 * Why one item of a submission was refused, as the refusal names it.
 *
 * @param index     the item's position in the request, from 0
 * @param reference the item's reference; null when it is missing or is itself what was refused
 * @param code      the code a single submission would be refused with
 * @param cause     that refusal
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemRefused(int index, String reference, String code, String detail, @JsonIgnore RuntimeException cause,
                          @JsonIgnore NodeException.Kind kind) {

    static ItemRefused of(int index, String reference, InvalidInput cause) {
        return new ItemRefused(index, reference, cause.code(), cause.getMessage(), cause, NodeException.Kind.INVALID);
    }

    static ItemRefused of(int index, String reference, NodeException cause) {
        return new ItemRefused(index, reference, cause.code(), cause.getMessage(), cause, cause.kind());
    }
}
