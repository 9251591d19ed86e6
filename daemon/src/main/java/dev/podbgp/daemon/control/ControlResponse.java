package dev.podbgp.daemon.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * The answer to one {@link ControlRequest}: {@code {"ok":true,"result":...}}
 * or {@code {"ok":false,"error":"..."}}. The result's shape depends on the
 * command; the client knows which it asked for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlResponse(boolean ok, JsonNode result, String error) {
    public ControlResponse {
        if (ok && error != null) {
            throw new IllegalArgumentException("a successful response carries no error");
        }
        if (!ok && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a failed response needs an error message");
        }
    }

    public static ControlResponse success(Object result) {
        return new ControlResponse(true, ControlJson.MAPPER.valueToTree(result), null);
    }

    public static ControlResponse failure(String error) {
        return new ControlResponse(false, null, Objects.requireNonNull(error, "error"));
    }
}
