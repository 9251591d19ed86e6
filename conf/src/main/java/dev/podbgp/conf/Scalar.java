package dev.podbgp.conf;

import java.util.function.Function;

/**
 * How to read one kind of scalar value.
 *
 * @param expected what a person should write, used when the node is not a scalar at all
 * @param parse    throws {@link InvalidValueException} with a complete message on bad text
 */
record Scalar<T>(String expected, Function<String, T> parse) {
}
