package dev.podbgp.daemon.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One request on the control socket, one JSON object per connection, e.g.
 * <pre>
 * {"command":"status"}
 * {"command":"routes","prefix":"10.244.2.0/24"}
 * {"command":"peer","action":"disable","peer":"tor1","message":"maintenance"}
 * {"command":"reload"}
 * </pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "command")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ControlRequest.Status.class, name = "status"),
    @JsonSubTypes.Type(value = ControlRequest.Routes.class, name = "routes"),
    @JsonSubTypes.Type(value = ControlRequest.PeerCommand.class, name = "peer"),
    @JsonSubTypes.Type(value = ControlRequest.Reload.class, name = "reload"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ControlRequest {

    /** The command names, for error messages. */
    String COMMANDS = "status, routes, peer, reload";

    record Status() implements ControlRequest {
    }

    /** @param prefix null for the whole Loc-RIB, else a prefix or an address to look up */
    record Routes(String prefix) implements ControlRequest {
    }

    /** @param message shutdown message (RFC 8203) for disable and reset, null for none */
    record PeerCommand(PeerAction action, String peer, String message) implements ControlRequest {
        public PeerCommand {
            if (action == null) {
                throw new IllegalArgumentException("peer command needs \"action\": enable, disable or reset");
            }
            if (peer == null || peer.isBlank()) {
                throw new IllegalArgumentException("peer " + action.wireName() + " needs the peer's name in \"peer\"");
            }
            if (message != null && action == PeerAction.ENABLE) {
                throw new IllegalArgumentException("peer enable takes no message (only disable and reset send one)");
            }
        }

        public PeerCommand(PeerAction action, String peer) {
            this(action, peer, null);
        }
    }

    record Reload() implements ControlRequest {
    }
}
