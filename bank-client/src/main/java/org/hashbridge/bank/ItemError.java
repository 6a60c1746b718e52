package org.hashbridge.bank;

/**
 * Why the node refused one item of a bulk request; the whole request was refused with it.
 *
 * @param index     the item's position in the request, from 0
 * @param reference its reference; null when the reference itself was refused
 * @param code      the stable code, as for a single submission ({@code INVALID_DIGEST}, {@code REFERENCE_CONFLICT}, …)
 */
public record ItemError(int index, String reference, String code, String detail) {
}
